package dev.keyward.platform.control;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The background feeds' heartbeat, every {@code keyward.feeds.interval}: a non-persistent interval timer on the
 * feed's own timer service (nothing to catch up after a restart, each server ticks on its own), the feed's
 * {@code @Timeout} method its work.
 */
@ApplicationScoped
public class Ticks {

    @Inject
    @ConfigProperty(name = "keyward.feeds.interval")
    Duration interval;

    public void start(TimerService timers) {
        long millis = Math.max(1, interval.toMillis());
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }
}
