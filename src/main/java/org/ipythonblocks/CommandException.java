package org.ipythonblocks;

/**
 * The command cannot run at all (no such file, not a SQLite database nor JSON Lines, cannot write
 * the output): one line for the user, exit code {@value #EXIT_CODE}.
 */
public final class CommandException extends RuntimeException {

    public static final int EXIT_CODE = 2;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
