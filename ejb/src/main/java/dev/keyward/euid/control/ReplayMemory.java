package dev.keyward.euid.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every envelope a key has had accepted, for as long as its timestamp is inside the window, so that the same envelope
 * sent again is refused: the operator relies on the time window alone, which lets a captured request be replayed for a
 * minute.
 *
 * <ul>
 * <li>Nonces are kept by the second of their envelope's timestamp, and a second is forgotten only once the window has
 * passed it: an envelope is remembered for exactly as long as it could be accepted again, and no window boundary ever
 * forgets one early.</li>
 * <li>Bounded: each key may have at most {@code perKey} envelopes in the window. A key that sends more is refused
 * ({@link Verdict#FULL}) until its oldest leave the window, rather than forgetting any: a flood of distinct nonces
 * stops its own key, never opens a replay, and cannot grow memory past keys × {@code perKey}.</li>
 * <li>A restart empties the memory, so an envelope stamped before this memory began is refused
 * ({@link Verdict#BEFORE_MEMORY}): it may have been accepted by the previous run. For the first window after a start,
 * a participant whose request crossed the restart sends it again with a fresh timestamp.</li>
 * <li>Each server keeps its own memory: behind a load balancer an envelope could be replayed once to each other server
 * within the window, unless the balancer sends a key's requests to one server.</li>
 * </ul>
 */
public final class ReplayMemory {

    public enum Verdict { FRESH, REPLAYED, FULL, BEFORE_MEMORY }

    private static final int SWEEP_EVERY = 10_000;

    private final Duration window;
    private final int perKey;
    private final long startedAtMillis;
    private final Map<String, KeyMemory> byKey = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public ReplayMemory(Duration window, int perKey, Instant startedAt) {
        this.window = window;
        this.perKey = perKey;
        this.startedAtMillis = startedAt.toEpochMilli();
    }

    /** Remembers {@code key}'s envelope, stamped {@code timestampMillis} with {@code nonce}, unless it must be refused. */
    public Verdict remember(String key, long nonce, long timestampMillis, Instant now) {
        if (timestampMillis < startedAtMillis) {
            return Verdict.BEFORE_MEMORY;
        }
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        KeyMemory memory = byKey.computeIfAbsent(key, k -> new KeyMemory());
        memory.forgetBefore(now.toEpochMilli() - window.toMillis() - 1000);
        return memory.remember(timestampMillis / 1000, nonce, perKey);
    }

    /** How many envelopes are remembered, over all keys. */
    public int size() {
        return byKey.values().stream().mapToInt(KeyMemory::count).sum();
    }

    /** Forgets what every key has outside the window, and the keys with nothing in it: keys that stopped calling cost nothing. */
    void sweep(Instant now) {
        long before = now.toEpochMilli() - window.toMillis() - 1000;
        byKey.values().forEach(m -> m.forgetBefore(before));
        byKey.entrySet().removeIf(e -> e.getValue().count() == 0);
    }

    /** One key's envelopes by second; one lock a key, so that counting and forgetting never cross. */
    private static final class KeyMemory {
        private final TreeMap<Long, Set<Long>> bySecond = new TreeMap<>();
        private int count;

        synchronized Verdict remember(long second, long nonce, int limit) {
            Set<Long> nonces = bySecond.get(second);
            if (nonces != null && nonces.contains(nonce)) {
                return Verdict.REPLAYED;
            }
            if (count >= limit) {
                return Verdict.FULL;
            }
            bySecond.computeIfAbsent(second, s -> new HashSet<>()).add(nonce);
            count++;
            return Verdict.FRESH;
        }

        synchronized void forgetBefore(long millis) {
            long second = Math.floorDiv(millis, 1000);
            while (!bySecond.isEmpty() && bySecond.firstKey() < second) {
                count -= bySecond.pollFirstEntry().getValue().size();
            }
        }

        synchronized int count() {
            return count;
        }
    }
}
