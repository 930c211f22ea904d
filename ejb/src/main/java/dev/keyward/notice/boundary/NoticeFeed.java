package dev.keyward.notice.boundary;

import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Leases;
import dev.keyward.platform.control.Ticks;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the outbox on every tick, and looks for credentials about to expire or gone dormant every {@code keyward.notices.expiry-scan}
 * (an hour by default), on the one server that holds the {@code notices} lease: each notice goes out once per cluster.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class NoticeFeed {

    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(NoticeFeed.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @EJB
    Deliveries deliveries;

    @EJB
    ClientCredentials credentials;

    @Inject
    Leases leases;

    @Inject
    Ticks ticks;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.notices.expiry-scan", defaultValue = "PT1H")
    Duration expiryScan;

    @Resource
    TimerService timers;

    private Instant lastScan = Instant.EPOCH;

    @PostConstruct
    void start() {
        ticks.start(timers);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        FAILURES.run("Cannot send notices now; will retry", () -> {
            if (!leases.hold("notices")) {
                return;
            }
            Instant now = clock.instant();
            if (!now.isBefore(lastScan.plus(expiryScan))) {
                lastScan = now;
                deliveries.remindExpiring(500);
                deliveries.sleepDormant(500);
                deliveries.remindGraceEnding(500);
                credentials.settleExpired(500);
            }
            int failed = 0;
            for (String id : deliveries.due(BATCH)) {
                if (!deliveries.deliver(id) && ++failed >= 3) {
                    break; // the mail server is away: the rest waits for the next tick
                }
            }
        });
    }
}
