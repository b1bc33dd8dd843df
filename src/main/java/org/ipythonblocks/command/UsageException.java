package org.ipythonblocks.command;

/** The command line is wrong: one line saying what, then the usage, exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
