package dev.keyward.euid.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Salt rotation on a fixed clock: ten buckets, a tenth of them a day, so each bucket rotates every ten days. */
class SaltBucketsTest {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    static final byte[] ROOT = new byte[32];
    final SaltBuckets salts = new SaltBuckets(ROOT, 10, 0.1, EPOCH);

    @Test
    void theSameIdentityMapsToTheSameIdUntilItsBucketRotatesAndThenReportsThePreviousOne() {
        byte[] person = hash(1);
        Instant now = EPOCH.plus(Duration.ofDays(100));
        SaltBuckets.Mapping today = salts.map("production", person, now);
        assertArrayEquals(today.advertisingId(), salts.map("production", person, now).advertisingId(), "stable");
        assertArrayEquals(today.advertisingId(), new SaltBuckets(ROOT, 10, 0.1, EPOCH).map("production", person, now).advertisingId(),
                "every server derives the same");
        Instant rotation = today.refreshFrom();
        assertTrue(rotation.isAfter(now) && !rotation.isAfter(now.plus(Duration.ofDays(10))), "rotates within its period");
        assertArrayEquals(today.advertisingId(), salts.map("production", person, rotation.minusMillis(1)).advertisingId());
        SaltBuckets.Mapping after = salts.map("production", person, rotation);
        assertFalse(Arrays.equals(today.advertisingId(), after.advertisingId()), "a new salt, a new ID");
        assertArrayEquals(today.advertisingId(), after.previousAdvertisingId(), "the previous ID is reported after a rotation");
        assertEquals(today.bucketId(), after.bucketId());
        SaltBuckets.Mapping muchLater = salts.map("production", person, rotation.plus(Duration.ofDays(91)));
        assertFalse(Arrays.equals(today.advertisingId(), muchLater.previousAdvertisingId()), "the previous ID is the last generation's");
        SaltBuckets yearly = new SaltBuckets(ROOT, 10, 1 / 365.0, EPOCH);
        assertNull(yearly.map("production", person, EPOCH).previousAdvertisingId(), "a bucket never rotated has no previous ID");
    }

    @Test
    void environmentsNeverShareSalts() {
        Instant now = EPOCH.plus(Duration.ofDays(3));
        assertFalse(Arrays.equals(salts.map("integration", hash(1), now).advertisingId(), salts.map("production", hash(1), now).advertisingId()));
    }

    @Test
    void aTenthOfTheBucketsRotatesEachDayAndTheBucketsEndpointSaysWhich() {
        Instant now = EPOCH.plus(Duration.ofDays(50)).plusSeconds(1);
        List<SaltBuckets.Bucket> lastDay = salts.updatedSince(now.minus(Duration.ofDays(1)), now);
        assertEquals(1, lastDay.size(), lastDay.toString());
        assertEquals(10, salts.updatedSince(now.minus(Duration.ofDays(10)), now).size(), "every bucket within a period");
        assertEquals(List.of(), salts.updatedSince(now, now));
        Set<String> ids = new HashSet<>();
        salts.updatedSince(EPOCH.minus(Duration.ofDays(20)), now).forEach(b -> ids.add(b.bucketId()));
        assertEquals(10, ids.size());
        SaltBuckets.Bucket bucket = lastDay.get(0);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000 && seen.size() < 10; i++) {
            SaltBuckets.Mapping m = salts.map("integration", hash(i), now);
            seen.add(Integer.parseInt(m.bucketId().substring(1)));
            if (m.bucketId().equals(bucket.bucketId())) {
                assertNotNull(m.previousAdvertisingId(), "its identities have a previous ID");
                assertEquals(bucket.lastUpdated().plus(Duration.ofDays(10)), m.refreshFrom());
            }
        }
        assertEquals(10, seen.size(), "identities spread over every bucket");
    }

    private static byte[] hash(int i) {
        byte[] h = new byte[32];
        h[0] = (byte) i;
        h[1] = (byte) (i >> 8);
        return h;
    }
}
