package org.ipythonblocks;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * The one rule for what of a secret may reach a log: a secret grid's id or a delete token is shown
 * as its first {@value #SHOWN} characters and {@code …}. Heroku's logs are often shipped to
 * third-party services, and a secret grid's id is all it takes to open it.
 *
 * <p>Masked wherever they stand: the id after {@code secret/} (pages, pictures, {@code /get/secret/},
 * {@code /embed/secret/}, full URLs, {@code GridRef}'s own form), the value after {@code delete_token},
 * and a word with a delete token's shape (32 URL-safe base-64 characters, not the 32 lowercase hex
 * digits of a request id). {@link AccessLog} masks its lines with {@link #mask}; every other log line
 * passes through this class as the console handler's filter ({@code quarkus.log.console.filter}),
 * message and exception messages alike.
 */
@LoggingFilter(name = LogMask.FILTER)
public final class LogMask implements Filter {

    public static final String FILTER = "secrets";
    static final int SHOWN = 4;

    private static final Pattern SECRETS = Pattern.compile(
            "(secret/|delete_token\\W{1,4})([0-9A-Za-z_-]{" + SHOWN + "})[0-9A-Za-z_-]+"
                    + "|(?<![0-9A-Za-z_-])(?![0-9a-f]{32}(?![0-9A-Za-z_-]))([0-9A-Za-z_-]{" + SHOWN + "})[0-9A-Za-z_-]{28}(?![0-9A-Za-z_-])");

    /** {@code text} with every secret in it shortened (the same string when there is none). */
    public static String mask(String text) {
        if (text == null || (text.length() < 32 && !text.contains("secret/") && !text.contains("delete_token"))) {
            return text;
        }
        Matcher m = SECRETS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        do {
            String kept = m.group(1) != null ? m.group(1) + m.group(2) : m.group(3);
            m.appendReplacement(masked, Matcher.quoteReplacement(kept + "…"));
        } while (m.find());
        return m.appendTail(masked).toString();
    }

    /** Masks the record's message and its exceptions' messages; never drops a record. */
    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String masked = mask(message);
            if (masked != message) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && !(thrown instanceof Masked) && revealsSecret(thrown)) {
            record.setThrown(new Masked(thrown));
        }
        return true;
    }

    private static boolean revealsSecret(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            if (mask(text) != text) {
                return true;
            }
        }
        return false;
    }

    /** An exception as logged: the original's class, message (masked), stack and causes. */
    static final class Masked extends RuntimeException {

        private final String shown;

        Masked(Throwable original) {
            super(null, original.getCause() == null || original.getCause() == original ? null : new Masked(original.getCause()),
                    false, true);
            this.shown = mask(original.toString());
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
