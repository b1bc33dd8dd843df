package org.ipythonblocks.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.ipythonblocks.CommandException;
import org.ipythonblocks.db.ConnectionLimit;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * The admin commands: which there are, the usage made from what each says of itself, and the one
 * dispatch. {@link org.ipythonblocks.command.IpbMain} asks {@link #beforeStart} whether the command line names
 * one (answering {@code help}, an unknown command and wrong arguments with no database), switches the
 * configuration to the {@value #PROFILE} profile, starts Quarkus, and hands the command line to
 * {@link #run}.
 *
 * <p>Exit codes: 0 done; 1 unexpected failure (the database unreachable or refusing) or no such
 * grid; 2 usage error or a file that cannot be read or written; 3 import done with rows not imported.
 */
@ApplicationScoped
public class Commands {

    /**
     * The configuration profile of every command, beside the launch mode's ({@code prod} in the packaged
     * app): no HTTP server, no management interface, no takedown listener, no web timeouts
     * ({@code %command.} keys in application.properties).
     */
    public static final String PROFILE = "command";

    /** Every command, in the order the usage lists them. These instances only describe; the beans run. */
    static final List<AdminCommand> ALL = List.of(new MigrateCommand(), new ImportCommand(), new ExportCommand(),
            new HideCommand(), new UnhideCommand(), new DeleteCommand(), new ReportsCommand(), new HelpCommand());

    private static final String PREFIX = "ipythonblocks: ";
    private static final int COLUMN = 32;

    @Inject
    @Any
    Instance<AdminCommand> beans;

    @Inject
    Flyway flyway;

    static Optional<AdminCommand> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name) || c instanceof HelpCommand && name.equals("--help")).findFirst();
    }

    /** The usage, made from what each command says of itself. */
    static String usage() {
        StringBuilder out = new StringBuilder("usage: java -jar target/quarkus-app/quarkus-run.jar [COMMAND]\n");
        line(out, "(no command)", "serve the site on $PORT (default 8080)");
        for (AdminCommand command : ALL) {
            line(out, (command.name() + " " + command.arguments()).strip(), command.help());
        }
        out.append("""
                  (URL|ID: http://www.ipythonblocks.org/bizkiL, /secret/<id>, secret/<id> or bizkiL)
                exit codes: 0 done; 1 unexpected failure (e.g. database unreachable) or, for hide/unhide/
                  delete, no such grid; 2 usage error or unreadable/unwritable file; 3 import done but some
                  rows were rejected or conflicted
                """);
        return out.toString();
    }

    private static void line(StringBuilder out, String synopsis, String help) {
        String[] lines = help.strip().split("\n");
        out.append("  ").append(synopsis);
        out.append(" ".repeat(Math.max(1, COLUMN - 2 - synopsis.length()))).append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append(" ".repeat(COLUMN)).append(lines[i]).append('\n');
        }
    }

    /**
     * What can be answered before the application starts: {@code help}, a command that does not exist
     * and arguments a command refuses (exit code 2, with the usage). Empty when the command must run in
     * the started application.
     */
    public static Optional<Integer> beforeStart(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return Optional.of(usageError(err, "which command?"));
        }
        Optional<AdminCommand> command = named(args[0]);
        if (command.isEmpty()) {
            return Optional.of(usageError(err, "unknown command '" + args[0] + "'"));
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            command.get().check(rest);
        } catch (UsageException e) {
            return Optional.of(usageError(err, e.getMessage()));
        }
        return command.get().needsTheApplication() ? Optional.empty() : Optional.of(command.get().run(rest, out, err));
    }

    /** Makes the next start of Quarkus a command's: the launch mode's profiles, then {@value #PROFILE}. */
    public static void useCommandProfile() {
        String profiles = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        if (profiles == null || profiles.isBlank()) {
            profiles = LaunchMode.current().getDefaultProfile();
        }
        System.setProperty("quarkus.profile", profiles + "," + PROFILE);
    }

    /**
     * In a command, first of all that starts (before anything reads the database), the schema is
     * brought up to date, as every command always has: an import into an empty database finds its
     * tables. A connection PostgreSQL refuses for too many clients ends the command here with its one
     * line (exit code 1) rather than a failed start's stack trace.
     */
    void migrateFirst(@Observes @Priority(1) StartupEvent start) {
        if (!ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles().contains(PROFILE)) {
            return;
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            Optional<String> refused = ConnectionLimit.describe(e);
            if (refused.isEmpty()) {
                throw e;
            }
            System.err.println(refused.get());
            System.err.flush();
            Runtime.getRuntime().halt(1); // nothing has started that needs stopping
        }
    }

    /** Runs the command {@code args} names in the started application. */
    public int run(PrintStream out, PrintStream err, String... args) {
        try {
            Optional<Integer> answered = beforeStart(args, out, err);
            if (answered.isPresent()) {
                return answered.get();
            }
            AdminCommand described = named(args[0]).orElseThrow();
            return beans.select(described.getClass()).get().run(List.of(args).subList(1, args.length), out, err);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } catch (CommandException e) {
            err.println(PREFIX + e.getMessage());
            return CommandException.EXIT_CODE;
        } catch (RuntimeException e) {
            Optional<String> refused = ConnectionLimit.describe(e);
            if (refused.isPresent()) {
                err.println(refused.get());
            } else {
                err.println(PREFIX + args[0] + " failed:");
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int usageError(PrintStream err, String problem) {
        err.println(PREFIX + problem);
        err.print(usage());
        return CommandException.EXIT_CODE;
    }
}
