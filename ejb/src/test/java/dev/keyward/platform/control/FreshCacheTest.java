package dev.keyward.platform.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshCacheTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    record Row(String value, long version) {
    }

    @Test
    void aChangeSeenAgainDoesNotEvictWhatWasReadAfterIt() {
        FreshCache<Row> cache = new FreshCache<>(Duration.ofMinutes(10), 100);
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", NOW, k -> {
            loads.incrementAndGet();
            return Optional.of(new Row("after the change", 2));
        });
        for (int tick = 0; tick < 5; tick++) {
            cache.forgetIf("k", kept -> kept.version() < 2); // the feed reads change 2 again on every tick
        }
        assertEquals("after the change", cache.get("k", NOW, k -> Optional.of(new Row("reloaded", 3))).orElseThrow().value());
        assertEquals(1, loads.get(), "served from memory throughout");

        cache.forgetIf("k", kept -> kept.version() < 3);
        assertEquals("newer", cache.get("k", NOW, k -> Optional.of(new Row("newer", 3))).orElseThrow().value(), "a newer change evicts");
    }

    @Test
    void aLoadOverlappingAConditionalForgetKeepsNothing() {
        FreshCache<Row> cache = new FreshCache<>(Duration.ofMinutes(10), 100);
        cache.get("k", NOW, k -> {
            cache.forgetIf("k", kept -> true); // the feed runs while this load reads the old row
            return Optional.of(new Row("read before the change", 1));
        });
        assertEquals("read again", cache.get("k", NOW, k -> Optional.of(new Row("read again", 2))).orElseThrow().value());
    }

    @Test
    void anUnknownKeyIsRememberedAsUnknownUntilItIsForgottenOrAgesOut() {
        FreshCache<Row> cache = FreshCache.rememberingAbsence(Duration.ofMinutes(10), 100);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertTrue(cache.get("guess", NOW, k -> {
                loads.incrementAndGet();
                return Optional.empty();
            }).isEmpty());
        }
        assertEquals(1, loads.get(), "a stranger's repeated guess costs what a known key does: no database read");

        cache.forgetIf("guess", kept -> false); // the change feed saw a row appear under that key
        assertEquals("created", cache.get("guess", NOW, k -> Optional.of(new Row("created", 1))).orElseThrow().value());
        cache.forget("other");
        assertTrue(cache.get("other", NOW, k -> Optional.empty()).isEmpty());
        assertEquals("later", cache.get("other", NOW.plus(Duration.ofMinutes(11)), k -> Optional.of(new Row("later", 1)))
                .orElseThrow().value(), "remembered no longer than a value");
    }

    @Test
    void countsAnswersFromMemoryAndFromTheDatabase() {
        FreshCache<String> cache = FreshCache.rememberingAbsence(Duration.ofMinutes(10), 100);
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        cache.get("a", now, k -> Optional.of("A"));
        cache.get("a", now, k -> Optional.of("A"));
        cache.get("unknown", now, k -> Optional.empty());
        cache.get("unknown", now, k -> Optional.empty());
        cache.get("a", now.plus(Duration.ofMinutes(11)), k -> Optional.of("A"));
        assertEquals(2, cache.hits(), "a known key and an unknown one, each asked again");
        assertEquals(3, cache.loads(), "the first asks, and once after the entry aged out");
    }
}
