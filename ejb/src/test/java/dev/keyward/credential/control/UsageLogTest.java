package dev.keyward.credential.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageLogTest {

    static final Instant FIRST = Instant.parse("2026-12-04T09:00:00Z");

    UsageLog log = new UsageLog();

    @Test
    void aFirstUseIsWrittenAtOnce() {
        log.used("kwc_a", FIRST);
        assertEquals(Map.of("kwc_a", FIRST), log.drain());
        assertTrue(log.drain().isEmpty(), "drained");
    }

    @Test
    void laterUsesAreWrittenOnlyOnceTheRecordedTimeIsAQuarterOfAnHourOld() {
        log.used("kwc_a", FIRST);
        log.drain();
        // a credential in use all the time: a use every minute for the next quarter of an hour writes nothing
        for (int minute = 1; minute < 15; minute++) {
            log.used("kwc_a", FIRST.plus(Duration.ofMinutes(minute)));
            assertTrue(log.drain().isEmpty(), "nothing to write " + minute + " minutes after the recorded use");
        }
        Instant quarterPast = FIRST.plus(Duration.ofMinutes(15));
        log.used("kwc_a", quarterPast);
        assertEquals(Map.of("kwc_a", quarterPast), log.drain());
    }

    @Test
    void eachCredentialKeepsItsOwnTime() {
        log.used("kwc_a", FIRST);
        log.used("kwc_b", FIRST.plusSeconds(30));
        log.used("kwc_a", FIRST.plusSeconds(40));
        assertEquals(Map.of("kwc_a", FIRST, "kwc_b", FIRST.plusSeconds(30)), log.drain());
    }
}
