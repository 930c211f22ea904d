package dev.keyward.euid.control;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;

/**
 * EUID's salt buckets, per environment: every identity falls in one bucket, and its advertising ID is derived from its
 * hash and its bucket's secret salt, so the same person maps to the same ID for every participant until their bucket's
 * salt rotates.
 *
 * <pre>
 *   first level     = HMAC-SHA-256(first-level key of the environment, identity hash)
 *   bucket          = first level's first four bytes, unsigned, mod the number of buckets
 *   salt            = HMAC-SHA-256(salt key of the environment, bucket | generation)
 *   advertising ID  = SHA-256(first level | salt)
 * </pre>
 *
 * <p>Rotation is a schedule, not a job: bucket {@code b} takes a new salt (its generation goes up by one) every
 * {@code 1 / fractionPerDay} days, the buckets staggered evenly over that period, so a {@code fractionPerDay} share of
 * them rotates each day. Every server computes the same generations from the clock, with nothing stored and nothing to
 * coordinate; the salts are derived from a root key kept outside the database, so a copy of the database reveals none.
 * Changing the bucket count or the fraction re-salts everything at once: they are set once per installation.
 */
public final class SaltBuckets {

    /** How long after a rotation the previous advertising ID is still reported (identity map v3's {@code p}). */
    static final Duration PREVIOUS_KEPT = Duration.ofDays(90);

    private final int count;
    private final long periodMillis;
    private final long epochMillis;
    private final byte[] root;
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();

    public SaltBuckets(byte[] root, int count, double fractionPerDay, Instant epoch) {
        if (count < 1 || !(fractionPerDay > 0 && fractionPerDay <= 1)) {
            throw new IllegalArgumentException("salt buckets: at least one, and a fraction a day in (0, 1]");
        }
        this.root = root.clone();
        this.count = count;
        this.periodMillis = Math.round(Duration.ofDays(1).toMillis() / fractionPerDay);
        this.epochMillis = epoch.toEpochMilli();
    }

    /** An identity's mapping now: its advertising ID, the previous one while it is recent, its bucket and when to map it again. */
    public record Mapping(byte[] advertisingId, byte[] previousAdvertisingId, String bucketId, Instant refreshFrom) {
    }

    /** A bucket and when its salt last changed. */
    public record Bucket(String bucketId, Instant lastUpdated) {
    }

    public Mapping map(String environment, byte[] identityHash, Instant now) {
        Environment env = environment(environment);
        byte[] firstLevel = env.firstLevel(identityHash);
        int bucket = (int) (Integer.toUnsignedLong(ByteBuffer.wrap(firstLevel).getInt()) % count);
        long t = now.toEpochMilli();
        long generation = generation(bucket, t);
        long updated = lastUpdated(bucket, generation);
        byte[] previous = generation > 0 && t - updated < PREVIOUS_KEPT.toMillis()
                ? advertisingId(firstLevel, env.salt(bucket, generation - 1)) : null;
        return new Mapping(advertisingId(firstLevel, env.salt(bucket, generation)), previous, bucketId(bucket),
                Instant.ofEpochMilli(updated + periodMillis));
    }

    /** The buckets whose salt changed after {@code since}, as of {@code now}. */
    public List<Bucket> updatedSince(Instant since, Instant now) {
        List<Bucket> updated = new ArrayList<>();
        long t = now.toEpochMilli();
        for (int b = 0; b < count; b++) {
            long last = lastUpdated(b, generation(b, t));
            if (last > since.toEpochMilli()) {
                updated.add(new Bucket(bucketId(b), Instant.ofEpochMilli(last)));
            }
        }
        return updated;
    }

    public int count() {
        return count;
    }

    private long offset(int bucket) {
        return (long) ((double) periodMillis * bucket / count);
    }

    long generation(int bucket, long atMillis) {
        return Math.max(0, Math.floorDiv(atMillis - epochMillis + offset(bucket), periodMillis));
    }

    private long lastUpdated(int bucket, long generation) {
        return epochMillis + generation * periodMillis - offset(bucket);
    }

    static String bucketId(int bucket) {
        return "b" + bucket;
    }

    private static byte[] advertisingId(byte[] firstLevel, byte[] salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(firstLevel);
            return sha.digest(salt);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Environment environment(String name) {
        return environments.computeIfAbsent(name, n -> new Environment(Derivation.derive(root, "euid first-level " + n),
                Derivation.derive(root, "euid salt " + n), count));
    }

    /** One environment's keys and the salts in use, each bucket's computed once per generation. */
    private static final class Environment {
        final ThreadLocal<Mac> firstLevel;
        final ThreadLocal<Mac> salts;
        final Salt[] current;

        Environment(byte[] firstLevelKey, byte[] saltKey, int count) {
            this.firstLevel = ThreadLocal.withInitial(() -> Derivation.mac(firstLevelKey));
            this.salts = ThreadLocal.withInitial(() -> Derivation.mac(saltKey));
            this.current = new Salt[count];
        }

        byte[] firstLevel(byte[] identityHash) {
            return firstLevel.get().doFinal(identityHash);
        }

        byte[] salt(int bucket, long generation) {
            Salt kept = current[bucket];
            if (kept != null && kept.generation == generation) {
                return kept.salt;
            }
            byte[] salt = salts.get().doFinal(ByteBuffer.allocate(12).putInt(bucket).putLong(generation).array());
            if (kept == null || generation > kept.generation) {
                current[bucket] = new Salt(generation, salt);
            }
            return salt;
        }
    }

    private record Salt(long generation, byte[] salt) {
    }
}
