package dev.keyward.euid.control;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static dev.keyward.euid.control.ReplayMemory.Verdict.BEFORE_MEMORY;
import static dev.keyward.euid.control.ReplayMemory.Verdict.FRESH;
import static dev.keyward.euid.control.ReplayMemory.Verdict.FULL;
import static dev.keyward.euid.control.ReplayMemory.Verdict.REPLAYED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayMemoryTest {

    static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void anEnvelopeIsAcceptedOnceWhileItsTimestampIsInTheWindowAcrossEverySecondBoundary() {
        ReplayMemory memory = new ReplayMemory(WINDOW, 1_000, START);
        long stamped = START.plusMillis(500).toEpochMilli();
        assertEquals(FRESH, memory.remember("k", 42, stamped, START.plusMillis(500)));
        for (long s = 1; s <= 61; s++) {
            assertEquals(REPLAYED, memory.remember("k", 42, stamped, START.plusSeconds(s)), "replayed " + s + " s later");
        }
        assertEquals(FRESH, memory.remember("other key", 42, stamped, START.plusSeconds(2)), "nonces are per key");
        assertEquals(FRESH, memory.remember("k", 43, stamped, START.plusSeconds(2)));
    }

    @Test
    void whatLeftTheWindowIsForgottenSoMemoryStaysBounded() {
        ReplayMemory memory = new ReplayMemory(WINDOW, 1_000, START);
        for (int i = 0; i < 500; i++) {
            memory.remember("k", i, START.toEpochMilli(), START);
        }
        assertEquals(500, memory.size());
        memory.remember("k", -1, START.plusSeconds(70).toEpochMilli(), START.plusSeconds(70));
        assertEquals(1, memory.size(), "the 500 are outside the window: their timestamps cannot be accepted any more");
    }

    @Test
    void aFloodOfDistinctNoncesStopsItsOwnKeyAndForgetsNothing() {
        ReplayMemory memory = new ReplayMemory(WINDOW, 100, START);
        for (int i = 0; i < 100; i++) {
            assertEquals(FRESH, memory.remember("flood", i, START.toEpochMilli(), START));
        }
        assertEquals(FULL, memory.remember("flood", 100, START.toEpochMilli(), START), "refused, not remembered by forgetting another");
        assertEquals(REPLAYED, memory.remember("flood", 0, START.toEpochMilli(), START.plusSeconds(30)), "the first is still remembered");
        assertEquals(FRESH, memory.remember("quiet", 0, START.toEpochMilli(), START), "other keys are not concerned");
        assertEquals(FRESH, memory.remember("flood", 101, START.plusSeconds(62).toEpochMilli(), START.plusSeconds(62)), "once the old leave the window");
    }

    @Test
    void aRestartedMemoryRefusesWhatMayHaveBeenAcceptedBeforeIt() {
        ReplayMemory memory = new ReplayMemory(WINDOW, 100, START);
        assertEquals(BEFORE_MEMORY, memory.remember("k", 1, START.minusMillis(1).toEpochMilli(), START.plusSeconds(1)));
        assertEquals(FRESH, memory.remember("k", 1, START.toEpochMilli(), START.plusSeconds(1)));
    }
}
