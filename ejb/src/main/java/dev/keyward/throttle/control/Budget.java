package dev.keyward.throttle.control;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * So many events per key and period (failures of a client ID, say): a token bucket per key, which holds
 * {@code allowed} tokens and refills them evenly over {@code period}. A key whose bucket is empty is over budget until
 * it refills. Keys are whatever a caller sent, so their number is bounded: past {@code maxKeys}, the keys whose
 * buckets are full again (nothing to remember) go, and if that is not enough, all of them.
 */
public final class Budget {

    private final Bandwidth bandwidth;
    private final long allowed;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Budget(long allowed, Duration period, int maxKeys) {
        this.allowed = allowed;
        this.maxKeys = maxKeys;
        this.bandwidth = Bandwidth.builder().capacity(allowed).refillGreedy(allowed, period).build();
    }

    /** Takes one from the key's budget: true when there was one left. */
    public boolean spend(String key) {
        return bucket(key).tryConsume(1);
    }

    /** Takes what another cluster member spent from the key's budget, as much as is left (never into debt). */
    public void spentElsewhere(String key, long n) {
        bucket(key).tryConsumeAsMuchAsPossible(n);
    }

    /** Seconds until the key has one to spend again: 0 when it has now. */
    public long secondsUntilAvailable(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private Bucket bucket(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxKeys) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= allowed);
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(bandwidth).build());
    }
}
