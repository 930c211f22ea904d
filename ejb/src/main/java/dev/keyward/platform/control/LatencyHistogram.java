package dev.keyward.platform.control;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request durations counted into fixed buckets, read as Prometheus reads a histogram: how many took at most each bound
 * (cumulative, the last bound infinite), so that {@code histogram_quantile} gives the percentiles.
 */
public final class LatencyHistogram {

    /** Upper bounds in seconds: half a millisecond to two and a half seconds, then everything. */
    static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length];

    public LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void record(Duration took) {
        double seconds = took.toNanos() / 1e9;
        int i = 0;
        while (seconds > BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
    }

    /** How many took at most bound {@code bucket}. */
    public double atMost(int bucket) {
        long sum = 0;
        for (int i = 0; i <= bucket; i++) {
            sum += counts[i].sum();
        }
        return sum;
    }

    /** A bound as Prometheus writes it in {@code le}. */
    static String label(int bucket) {
        double bound = BOUNDS[bucket];
        return Double.isInfinite(bound) ? "+Inf" : java.math.BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }
}
