package org.ipythonblocks;

import jakarta.inject.Inject;

import org.ipythonblocks.grid.GridAdminCommands;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar for the site and its maintenance commands. With no arguments it serves the site until
 * stopped; {@code java -jar target/quarkus-app/quarkus-run.jar help} lists the commands.
 */
@QuarkusMain
public class IpbMain implements QuarkusApplication {

    static final String USAGE = """
            usage: java -jar target/quarkus-app/quarkus-run.jar [COMMAND]
              (no command)   serve the site on $PORT (default 8080)
              migrate        apply pending database migrations, then exit (Heroku's release phase)
              help           show this text
            """ + GridAdminCommands.USAGE;

    @Inject
    GridAdminCommands adminCommands;

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args[0].equals("migrate")) {
            // Flyway ran while Quarkus started (quarkus.flyway.migrate-at-start); reaching here means it succeeded.
            System.out.println("ipythonblocks: database schema is up to date");
            return 0;
        }
        if (GridAdminCommands.NAMES.contains(args[0])) {
            return adminCommands.run(System.out, System.err, args);
        }
        if (args[0].equals("help") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return 0;
        }
        System.err.println("ipythonblocks: unknown command '" + args[0] + "'");
        System.err.print(USAGE);
        return 2;
    }
}
