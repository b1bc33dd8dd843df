package org.ipythonblocks.command;

import java.util.Optional;

import jakarta.inject.Inject;

import org.ipythonblocks.db.ConnectionLimit;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One jar for the site and its maintenance commands. With no arguments it serves the site until
 * stopped; with arguments it runs one admin command ({@link Commands}; {@code help} lists them) in
 * the {@value Commands#PROFILE} configuration profile, so a command runs beside a live site.
 */
@QuarkusMain
public class IpbMain implements QuarkusApplication {

    @Inject
    Commands commands;

    public static void main(String... args) {
        if (args.length > 0) {
            Optional<Integer> answered = Commands.beforeStart(args, System.out, System.err);
            if (answered.isPresent()) {
                System.out.flush();
                System.exit(answered.get()); // help, or a usage error: no database needed
            }
            Commands.useCommandProfile();
        }
        Quarkus.run(IpbMain.class, IpbMain::exit, args);
    }

    /**
     * How the process ends. A failed start is logged as Quarkus' own handler logs it, except when
     * PostgreSQL refused a connection for too many clients: then one line says so, and where the
     * connection budget is explained.
     */
    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            Optional<String> refused = ConnectionLimit.describe(failure);
            if (refused.isPresent()) {
                System.err.println(refused.get());
            } else {
                Logger.getLogger(IpbMain.class).error("Failed to start application", failure);
            }
        }
        System.exit(code);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        return commands.run(System.out, System.err, args);
    }
}
