package org.ipythonblocks;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.ipythonblocks.grid.GridAdminCommands;
import org.ipythonblocks.legacy.CommandException;
import org.ipythonblocks.legacy.GridExporter;
import org.ipythonblocks.legacy.ImportReport;
import org.ipythonblocks.legacy.LegacyImporter;
import org.ipythonblocks.report.ReportsCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar for the site and its maintenance commands. With no arguments it serves the site until
 * stopped; {@code java -jar target/quarkus-app/quarkus-run.jar help} lists the commands. The commands
 * are thin: the work is done by testable beans ({@link LegacyImporter}, {@link GridExporter}).
 */
@QuarkusMain
public class IpbMain implements QuarkusApplication {

    static final String USAGE = """
            usage: java -jar target/quarkus-app/quarkus-run.jar [COMMAND]
              (no command)                  serve the site on $PORT (default 8080)
              migrate                       apply pending database migrations, then exit (Heroku's
                                            release phase)
              import FILE [--rejects PATH]  import grids from the 2014 site's SQLite file or from an
                                            export (JSON Lines), keeping their ids; rows that cannot be
                                            imported are listed in PATH (default FILE.rejects.jsonl)
              export FILE                   write every grid of both spaces to FILE as JSON Lines
              hide URL|ID                   take a grid down: 410 Gone on every route, never in /random
              unhide URL|ID                 show a hidden grid again
              delete URL|ID                 delete a grid for good
              reports                       list the open reports (the grid pages' report form) by
                                            grid, newest first, with each grid's full URL; hide and
                                            delete close a grid's reports
                                            (URL|ID: http://www.ipythonblocks.org/bizkiL, /secret/<id>,
                                            secret/<id> or bizkiL)
              help                          show this text
            exit codes: 0 done; 1 unexpected failure (e.g. database unreachable) or, for hide/unhide/
              delete, no such grid; 2 usage error or unreadable/unwritable file; 3 import done but some
              rows were rejected or conflicted
            """;

    @Inject
    LegacyImporter importer;

    @Inject
    GridExporter exporter;

    @Inject
    GridAdminCommands adminCommands;

    @Inject
    ReportsCommand reportsCommand;

    /**
     * Turns the HTTP server and the management interface off for commands, before Quarkus starts, so
     * they run beside a live site ({@code -Dquarkus.http.host-enabled=true} keeps it on).
     */
    public static void main(String... args) {
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help"))) {
            System.out.print(USAGE); // no need for a database to read this
            return;
        }
        if (args.length > 0) { // a command (a wrong one only gets the usage): never a web server
            if (System.getProperty("quarkus.http.host-enabled") == null) {
                System.setProperty("quarkus.http.host-enabled", "false");
            }
            if (System.getProperty("quarkus.management.host-enabled") == null) {
                System.setProperty("quarkus.management.host-enabled", "false"); // nor health and metrics
            }
            if (System.getProperty("ipb.cache.listen") == null) {
                System.setProperty("ipb.cache.listen", "false"); // a command caches nothing worth a takedown listener
            }
            // The web's 5 s statement timeout protects visitors from a slow database; a migration or
            // an import batch may rightly take longer.
            if (System.getProperty("quarkus.datasource.jdbc.new-connection-sql") == null) {
                System.setProperty("quarkus.datasource.jdbc.new-connection-sql", "SET statement_timeout = 0");
            }
        }
        Quarkus.run(IpbMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        try {
            return switch (args[0]) {
                case "help", "--help" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                case "migrate" -> {
                    // Flyway ran while Quarkus started (quarkus.flyway.migrate-at-start); reaching here means it succeeded.
                    System.out.println("ipythonblocks: the database schema is up to date");
                    yield 0;
                }
                case "import" -> importCommand(List.of(args).subList(1, args.length));
                case "export" -> exportCommand(List.of(args).subList(1, args.length));
                case "hide", "unhide", "delete" -> adminCommands.run(System.out, System.err, args);
                case "reports" -> args.length == 1 ? reportsCommand.run(System.out) : usage("reports takes no argument");
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (CommandException e) {
            System.err.println("ipythonblocks: " + e.getMessage());
            return CommandException.EXIT_CODE;
        }
    }

    private int importCommand(List<String> args) {
        Path file = null;
        Path rejects = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--rejects")) {
                if (i + 1 >= args.size()) {
                    return usage("--rejects needs a path");
                }
                rejects = Path.of(args.get(++i));
            } else if (arg.startsWith("--rejects=")) {
                rejects = Path.of(arg.substring("--rejects=".length()));
            } else if (arg.startsWith("-") || file != null) {
                return usage("import: unexpected argument '" + arg + "'");
            } else {
                file = Path.of(arg);
            }
        }
        if (file == null) {
            return usage("import: which file? (a SQLite database or a JSON Lines export)");
        }
        ImportReport report = importer.importFrom(file, rejects, System.err);
        System.out.print(report.summary());
        return report.exitCode();
    }

    private int exportCommand(List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            return usage("export: give exactly one output FILE");
        }
        System.out.print(exporter.exportTo(Path.of(args.get(0)), System.err).summary());
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("ipythonblocks: " + problem);
        System.err.print(USAGE);
        return CommandException.EXIT_CODE;
    }
}
