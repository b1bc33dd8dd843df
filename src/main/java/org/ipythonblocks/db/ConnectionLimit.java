package org.ipythonblocks.db;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL refusing a connection because too many are open: its {@code max_connections}
 * ("sorry, too many clients already") or a role's or database's connection limit, all SQLSTATE
 * {@value #TOO_MANY_CONNECTIONS}. Nothing a retry in the next second fixes, so start-up and the
 * commands stop with one line that says what happened and where the budget is explained, instead of
 * a stack trace.
 */
public final class ConnectionLimit {

    /** PostgreSQL's {@code too_many_connections}. */
    static final String TOO_MANY_CONNECTIONS = "53300";

    private ConnectionLimit() {
    }

    /** The one line for a failure caused by a refused connection; empty for any other failure. */
    public static Optional<String> describe(Throwable failure) {
        return find(failure, new IdentityHashMap<>()).map(e -> "ipythonblocks: PostgreSQL refused a connection: "
                + firstLine(e.getMessage()) + " (SQLSTATE " + TOO_MANY_CONNECTIONS + "). Every web dyno holds up to "
                + "IPB_DB_POOL_MAX + 1 connections and every command up to IPB_DB_POOL_MAX: see docs/operations.md, "
                + "\"Connection budget\"");
    }

    private static Optional<SQLException> find(Throwable e, Map<Throwable, Boolean> seen) {
        if (e == null || seen.put(e, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        if (e instanceof SQLException sql && TOO_MANY_CONNECTIONS.equals(sql.getSQLState())) {
            return Optional.of(sql);
        }
        for (Throwable suppressed : e.getSuppressed()) {
            Optional<SQLException> found = find(suppressed, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(e.getCause(), seen);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "too many connections";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
