package dev.keyward.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most so many callers at once in some costly or fragile work (calls to Keycloak, password hashes), so that it holds a
 * few request threads, never all of them. A caller waits a moment for a place, and is refused when none comes free.
 */
public final class Bulkhead {

    private final Semaphore places;
    private final long waitMillis;

    public Bulkhead(int places, Duration wait) {
        this.places = new Semaphore(Math.max(1, places));
        this.waitMillis = wait.toMillis();
    }

    /** Runs {@code work} in a place, or throws what {@code refused} makes when none came free in time. */
    public <T> T run(Supplier<T> work, Supplier<? extends RuntimeException> refused) {
        try {
            if (!places.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw refused.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused.get();
        }
        try {
            return work.get();
        } finally {
            places.release();
        }
    }
}
