package dev.keyward.platform;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * H2, the embedded default, can come back from a failed write (a full disk) with its file still held by this very
 * server: the store it closed on the failure and the one it opened again race, and from then on H2 refuses every new
 * connection ("Database may be already in use") while the pooled ones go on working, until a restart. Seeing that
 * refusal, Keyward closes every pooled connection (WildFly's {@code flush-gracefully-connection-in-pool}: idle ones at once, the others as their requests give them back, through JMX), so that
 * H2 closes the database with its last session and opens the file anew on the next; and collects garbage, which
 * releases a lock whose store nothing refers to any more. At most once every ten seconds. PostgreSQL never says this.
 */
public final class StuckDatabase {

    private static final Logger LOG = Logger.getLogger(StuckDatabase.class.getName());
    static final String POOL = "jboss.as:subsystem=datasources,data-source=KeywardDS";
    private static final long EVERY = Duration.ofSeconds(10).toNanos();
    private static final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    private StuckDatabase() {
    }

    /** Reopens the database when {@code thrown} says H2 holds its own file; otherwise nothing. */
    public static void reopenIfStuck(Throwable thrown) {
        if (!DatabaseTrouble.isFileHeldByThisServer(thrown)) {
            return;
        }
        long now = System.nanoTime();
        long previous = last.get();
        if (previous != Long.MIN_VALUE && now - previous < EVERY || !last.compareAndSet(previous, now)) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(POOL), "flushGracefullyConnectionInPool", new Object[0], new String[0]);
            LOG.warning("H2 refused to open its file, still held by its own earlier store: every pooled connection closed,"
                    + " so that it opens the file anew");
        } catch (JMException | RuntimeException failed) {
            LOG.warning(() -> "H2 refused to open its file, still held by its own earlier store, and the pool could not be"
                    + " emptied: " + failed);
        }
        System.gc(); // a store that failed to close and is no longer referenced keeps its file lock until it is collected
    }
}
