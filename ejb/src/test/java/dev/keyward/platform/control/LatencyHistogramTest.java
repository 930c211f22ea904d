package dev.keyward.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void countsAreCumulativeAsPrometheusReadsThem() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(Duration.ofNanos(400_000));   // 0.4 ms
        h.record(Duration.ofMillis(1));        // exactly on the 1 ms bound: within it
        h.record(Duration.ofMillis(30));
        h.record(Duration.ofSeconds(10));      // past every finite bound
        assertEquals(1, h.atMost(0), "within 0.5 ms");
        assertEquals(2, h.atMost(1), "within 1 ms");
        assertEquals(2, h.atMost(5), "within 25 ms");
        assertEquals(3, h.atMost(6), "within 50 ms");
        assertEquals(3, h.atMost(LatencyHistogram.BOUNDS.length - 2), "within 2.5 s");
        assertEquals(4, h.atMost(LatencyHistogram.BOUNDS.length - 1), "+Inf holds everything");
    }

    @Test
    void boundsAreWrittenAsPrometheusWritesThem() {
        assertEquals("0.0005", LatencyHistogram.label(0));
        assertEquals("1", LatencyHistogram.label(10));
        assertEquals("2.5", LatencyHistogram.label(11));
        assertEquals("+Inf", LatencyHistogram.label(12));
    }

    @Test
    void aHitRatioWithNothingAskedIsOne() {
        assertEquals(1.0, Meters.ratio(0, 0));
        assertEquals(0.75, Meters.ratio(3, 1));
    }
}
