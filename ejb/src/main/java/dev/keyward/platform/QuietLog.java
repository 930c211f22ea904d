package dev.keyward.platform;

import dev.keyward.domain.shared.DomainException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure that repeats while something outside Keyward is down (Keycloak, say) logged as one line, at most once
 * per period, saying how many more there were since: enough to see the outage and when it ends, without a stack
 * trace on every call filling the disk.
 */
public final class QuietLog {

    private final Logger log;
    private final long everyNanos;
    private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong quiet = new AtomicLong();

    public QuietLog(Logger log, Duration every) {
        this.log = log;
        this.everyNanos = every.toNanos();
    }

    /**
     * Reports {@code cause}: an outage (the database or Keycloak away, a network failure) as one line at most once per
     * period; anything else is a fault of Keyward's and keeps its stack trace, at the same pace.
     */
    public void warn(String what, Throwable cause) {
        StuckDatabase.reopenIfStuck(cause); // every outage passes here, the requests' and the feeds'
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (last != Long.MIN_VALUE && now - last < everyNanos || !lastNanos.compareAndSet(last, now)) {
            quiet.incrementAndGet();
            return;
        }
        long more = quiet.getAndSet(0);
        String since = more > 0 ? " (and " + more + " more like it since the last report)" : "";
        if (isOutage(cause)) {
            log.log(Level.WARNING, () -> what + ": " + describe(cause) + since);
        } else {
            log.log(Level.SEVERE, what + since, cause);
        }
    }

    /**
     * Runs one tick of background work; a failure is reported here (see {@link #warn}), the next tick tries again. Checked
     * exceptions are caught too: a {@code @Transactional} bean whose commit fails (a full disk) throws the transaction
     * manager's {@code RollbackException} undeclared, and it would otherwise leave the timer with a stack trace a tick.
     */
    public void run(String what, Runnable work) {
        try {
            work.run();
        } catch (Exception failed) {
            warn(what, failed);
        }
    }

    /** Something outside Keyward is away: its database, Keycloak, the network between them. */
    static boolean isOutage(Throwable cause) {
        if (DatabaseTrouble.in(cause)) {
            return true;
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainException d && d.kind() == DomainException.Kind.UNAVAILABLE
                    || t instanceof IOException || t instanceof ProcessingException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The deepest cause, following suppressed exceptions too (a failed commit carries the database's error so). */
    private static String describe(Throwable cause) {
        Throwable root = cause;
        for (int depth = 0; depth < 20; depth++) {
            Throwable next = root.getCause() != null && root.getCause() != root ? root.getCause()
                    : root.getSuppressed().length > 0 ? root.getSuppressed()[0] : null;
            if (next == null) {
                break;
            }
            root = next;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
