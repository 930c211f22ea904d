package dev.keyward.platform.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Immutable values by key, read through to the database on a miss, for the hot paths that must not read it
 * on every request. An entry is kept for at most its maximum age (the backstop for changes made through
 * another server) and until it is {@linkplain #forget forgotten} (changes made through this one).
 *
 * <p>A load that overlaps a change does not keep what it read: every {@link #forget} counts, and a load keeps
 * its result only if nothing was forgotten since it started, checked and stored under the map's lock for
 * that key, which forgetting the key also takes. Otherwise a reader that read the old row just before a
 * change committed could store it just after the change evicted it, and serve it until it aged out.
 * Memory is bounded: past {@code maxEntries} the cache starts over; the database has the rest.
 */
public final class FreshCache<V> {

    private record Entry<V>(V value, Instant freshUntil) {
    }

    private final Duration maxAge;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Keys the database did not have, until when: so that asking for an unknown key costs what asking for a known one does. */
    private final ConcurrentHashMap<String, Instant> absent = new ConcurrentHashMap<>();
    private final AtomicLong forgotten = new AtomicLong();
    /** Answers from memory and reads of the database, for the hit ratio in the metrics. */
    private final LongAdder hits = new LongAdder();
    private final LongAdder loads = new LongAdder();

    private final boolean remembersAbsence;

    public FreshCache(Duration maxAge, int maxEntries) {
        this(maxAge, maxEntries, false);
    }

    private FreshCache(Duration maxAge, int maxEntries, boolean remembersAbsence) {
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.remembersAbsence = remembersAbsence;
    }

    /**
     * A cache that also remembers which keys have no value, for keys that only ever get a value under a change this
     * server hears of (its own, or through a change feed that calls {@link #forgetIf}).
     */
    public static <V> FreshCache<V> rememberingAbsence(Duration maxAge, int maxEntries) {
        return new FreshCache<>(maxAge, maxEntries, true);
    }

    /**
     * The value for {@code key}, from memory while fresh, else from {@code load}. Where the cache {@linkplain
     * #rememberingAbsence remembers absence}, that there is none is remembered too, as long, in a memory of its own bounded
     * the same way, so that keys nobody has (a stranger's guesses) cannot push out the values.
     */
    public Optional<V> get(String key, Instant now, Function<String, Optional<V>> load) {
        Optional<V> remembered = remembered(key, now);
        if (remembered != null) {
            return remembered;
        }
        loads.increment();
        long seen = forgotten.get();
        Optional<V> loaded = load.apply(key);
        if (loaded.isEmpty()) {
            entries.remove(key);
            if (!remembersAbsence) {
                return loaded;
            }
            if (absent.size() >= maxEntries) {
                absent.clear();
            }
            absent.compute(key, (k, current) -> forgotten.get() == seen ? now.plus(maxAge) : current);
            return loaded;
        }
        Entry<V> fresh = new Entry<>(loaded.get(), now.plus(maxAge));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.compute(key, (k, current) -> forgotten.get() == seen ? fresh : current);
        return loaded;
    }

    /**
     * The value for {@code key} as memory holds it, without reading the database: the value, or that there is none
     * where absence is {@linkplain #rememberingAbsence remembered}; {@link NotInMemory} when only the database can tell.
     */
    public Optional<V> inMemory(String key, Instant now) {
        Optional<V> remembered = remembered(key, now);
        if (remembered == null) {
            throw NotInMemory.thrown();
        }
        return remembered;
    }

    /** What memory holds for {@code key} while fresh, counted as a hit; null when it holds nothing. */
    private Optional<V> remembered(String key, Instant now) {
        Entry<V> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.freshUntil())) {
            hits.increment();
            return Optional.of(cached.value());
        }
        Instant absentUntil = absent.get(key);
        if (absentUntil != null && now.isBefore(absentUntil)) {
            hits.increment();
            return Optional.empty();
        }
        return null;
    }

    /** How many answers came from memory. */
    public long hits() {
        return hits.sum();
    }

    /** How many answers were read from the database. */
    public long loads() {
        return loads.sum();
    }

    public void forget(String key) {
        forgotten.incrementAndGet();
        entries.remove(key);
        absent.remove(key);
    }

    /**
     * Forgets {@code key} only if what is kept is {@code stale}: for a feed that sees the same change again (it reads
     * with an overlap) and must not evict, again and again, a value already read after it. Counts as a forget for
     * the loads it overlaps all the same.
     */
    public void forgetIf(String key, Predicate<V> stale) {
        forgotten.incrementAndGet();
        absent.remove(key); // the key has a row now
        entries.computeIfPresent(key, (k, kept) -> stale.test(kept.value()) ? null : kept);
    }
}
