package dev.keyward.platform;

import jakarta.resource.ResourceException;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells a database that is away for a moment (connection lost, closed after a full disk, no connection free in the
 * pool) from a fault in Keyward: the first is a 503 the client may retry, logged once by the feeds, the second a
 * 500 with an incident.
 */
public final class DatabaseTrouble {

    /**
     * H2's codes for a database that is closed or cannot write: 90098 (closed), 90121 (closing), 90028 and 90031
     * (I/O), 90100 (no disk space), 90020 (in use), 90135 (exclusive mode).
     */
    private static final Set<Integer> H2_AWAY = Set.of(90098, 90121, 90028, 90031, 90100, 90020, 90135);
    /**
     * SQLSTATEs of a server that is going or gone, beside class 08 (connection exceptions): 57P01 and 57P02 (it shut
     * down, by its administrator or by a crash, under a running statement), 57P03 (it cannot take connections now).
     */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

    private DatabaseTrouble() {
    }

    public static boolean in(Throwable thrown) {
        return in(thrown, false, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Walks causes and suppressed exceptions (a failed commit carries the database's error as a suppressed one). */
    private static boolean in(Throwable t, boolean underSql, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql && (sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SHUTTING_DOWN.contains(sql.getSQLState()))
                || H2_AWAY.contains(sql.getErrorCode()))) {
            return true;
        }
        // the pool could not hand out a connection or commit on it (IronJacamar), or the database could not write its
        // file (a full disk): the database is away, not Keyward at fault
        if (t instanceof ResourceException || isA(t, "org.hibernate.exception.JDBCConnectionException")
                || underSql && t instanceof IOException) {
            return true;
        }
        boolean sqlBelow = underSql || t instanceof SQLException;
        for (Throwable suppressed : t.getSuppressed()) {
            if (in(suppressed, sqlBelow, seen)) {
                return true;
            }
        }
        return in(t.getCause(), sqlBelow, seen);
    }

    /**
     * H2 refusing to open its file because this JVM still holds it (H2's 90020, an {@link OverlappingFileLockException}
     * underneath): after a failed write the store it closed and the one it opened again can race, and from then on every
     * new connection is refused while the pooled ones work. See {@link StuckDatabase}.
     */
    public static boolean isFileHeldByThisServer(Throwable thrown) {
        return any(thrown, t -> t instanceof OverlappingFileLockException || t instanceof SQLException sql && sql.getErrorCode() == 90020,
                Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean any(Throwable t, Predicate<Throwable> is, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (is.test(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (any(suppressed, is, seen)) {
                return true;
            }
        }
        return any(t.getCause(), is, seen);
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
