package org.ipythonblocks.site;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;

/**
 * Tells "the database is down or too slow" (503, try again) from a bug (500), whatever layer
 * wrapped it: the PostgreSQL driver, Agroal, Hibernate, JPA or the transaction interceptor.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable e) {
        for (int depth = 0; e != null && depth < 32; depth++, e = e.getCause()) {
            if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                    || e instanceof SQLTimeoutException || e instanceof ConnectException || e instanceof SocketTimeoutException
                    || e instanceof org.hibernate.exception.JDBCConnectionException
                    || e instanceof org.hibernate.QueryTimeoutException
                    || e instanceof org.hibernate.PessimisticLockException
                    || e instanceof jakarta.persistence.QueryTimeoutException
                    || e instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
            if (e instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
            String message = e.getMessage();
            // Agroal: "Sorry, acquisition timeout!" / "Acquisition timeout while waiting for new connection"
            if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs that mean "not now": class 08 (connection exceptions), 53300 too many connections,
     * 57014 statement timeout, 57P01..57P03 shutting down or starting up, 55P03 lock timeout.
     */
    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("53300") || state.equals("57014")
                || state.startsWith("57P") || state.equals("55P03"));
    }
}
