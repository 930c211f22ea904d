package dev.keyward.platform.control;

import java.time.Duration;
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

    public void warn(String what, Throwable cause) {
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (last != Long.MIN_VALUE && now - last < everyNanos || !lastNanos.compareAndSet(last, now)) {
            quiet.incrementAndGet();
            return;
        }
        long more = quiet.getAndSet(0);
        log.log(Level.WARNING, () -> what + ": " + describe(cause)
                + (more > 0 ? " (and " + more + " more like it since the last report)" : ""));
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
