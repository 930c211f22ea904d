package dev.keyward.webhook.boundary;

import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Leases;
import dev.keyward.platform.control.Ticks;
import dev.keyward.webhook.control.WebhookSender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Sends the webhook outbox on every tick, on the one server holding the {@code webhooks} lease: each delivery once per
 * cluster (a receiver should still treat {@code Keyward-Event-Id} as the key of what it has seen: a server that dies
 * between sending and writing down the answer sends again). The change that owed the delivery never waits for it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class WebhookFeed {

    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(WebhookFeed.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @EJB
    WebhookDeliveries deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    Leases leases;

    @Inject
    Ticks ticks;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        ticks.start(timers);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        FAILURES.run("Cannot send webhooks now; will retry", () -> {
            if (!leases.hold("webhooks")) {
                return;
            }
            for (String id : deliveries.due(BATCH)) {
                deliveries.prepare(id).ifPresent(d -> {
                    try {
                        deliveries.answered(id, sender.send(d));
                    } catch (IOException | RuntimeException unreachable) {
                        deliveries.unreachable(id, unreachable.getClass().getSimpleName()
                                + (unreachable.getMessage() == null ? "" : ": " + unreachable.getMessage()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        });
    }
}
