package dev.keyward.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for what the server does in the background (its feeds, Keycloak's mail) until it shows or time runs out. */
public final class Eventually {

    /** Keyward's promise for changes made in Keycloak, and the default wait. */
    public static final Duration WITHIN = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 100;

    private Eventually() {
    }

    public static <T> T eventually(Supplier<T> call, Predicate<T> done, String what) {
        return eventually(WITHIN, call, done, what);
    }

    /** The first value of {@code call} that satisfies {@code done}; fails naming {@code what} and the last value. */
    public static <T> T eventually(Duration within, Supplier<T> call, Predicate<T> done, String what) {
        long start = System.nanoTime();
        T last = call.get();
        while (!done.test(last)) {
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError(what + ": not within " + within.toMillis() + " ms; last " + last);
            }
            pause(PAUSE_MILLIS);
            last = call.get();
        }
        return last;
    }

    /** Lets real time pass, for what is defined by time itself (an expiry, a look-back window). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
