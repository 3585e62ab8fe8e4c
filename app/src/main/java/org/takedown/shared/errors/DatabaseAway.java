package org.takedown.shared.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;

/** Tells a failure because the database cannot be reached (stopped, restarting, cut off) from other failures. */
public final class DatabaseAway {

    /** Seconds after which a client may try again (the {@code Retry-After} of the 503 answer). */
    public static final String RETRY_AFTER_SECONDS = "10";

    private DatabaseAway() {}

    /** The answer's detail: what could not be done ({@code doing}) because the database is away. */
    public static String detail(String doing) {
        return "The database cannot be reached right now, so " + doing + ". Please try again shortly.";
    }

    /**
     * True when {@code failure} or a cause says the connection failed: no connection to be had, or one broken by the
     * server going away (SQL states of class 08 and 57P).
     */
    public static boolean is(Throwable failure) {
        if (failure instanceof org.springframework.transaction.TransactionSystemException rollback
                && rollback.getApplicationException() != null
                && is(rollback.getApplicationException())) {
            return true; // the rollback failed because the connection was gone, after the work failed for it
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }
}
