package org.ipythonblocks.command;

import java.io.PrintStream;
import java.util.List;

import org.ipythonblocks.CommandException;

/**
 * One admin command of the packaged app ({@code java -jar target/quarkus-app/quarkus-run.jar NAME ARGS},
 * or the native executable with the same arguments). Each command is one class: its name, its
 * arguments and help text, the check of its arguments and the work. {@link Commands} lists them,
 * prints the usage from what they say, and runs the one named.
 *
 * <p>The name, help and {@link #check} are read before the application starts (from an instance
 * made with {@code new}, which has nothing injected), so that {@code help}, an unknown command or a
 * wrong argument needs no database; {@link #run} is called on the bean, in the started application.
 */
public interface AdminCommand {

    /** The word that names the command, e.g. {@code import}. */
    String name();

    /** Its arguments as the usage shows them, e.g. {@code URL|ID}; none by default. */
    default String arguments() {
        return "";
    }

    /** What it does, for the usage; several lines are indented under the first. */
    String help();

    /** Checks the arguments before anything starts; a problem is a {@link UsageException} (exit 2). */
    default void check(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException(name() + " takes no argument");
        }
    }

    /** Whether it needs the started application (a database). Only {@code help} does not. */
    default boolean needsTheApplication() {
        return true;
    }

    /**
     * Does the work; the exit code (0 done). A {@link org.ipythonblocks.CommandException} (a file
     * that cannot be read or written) ends it with exit code 2, any other exception with 1.
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
