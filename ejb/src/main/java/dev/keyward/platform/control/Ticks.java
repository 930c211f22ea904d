package dev.keyward.platform.control;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Duration;

/**
 * The background feeds' heartbeat: a non-persistent interval timer (nothing to catch up after a restart, each
 * server ticks on its own), every {@code keyward.feeds.interval}, the bean's {@code @Timeout} method its work.
 */
public final class Ticks {

    private Ticks() {
    }

    public static void every(TimerService timers, Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }
}
