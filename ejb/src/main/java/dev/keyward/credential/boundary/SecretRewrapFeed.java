package dev.keyward.credential.boundary;

import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Ticks;
import dev.keyward.platform.control.Leases;
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
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The background re-wrap after a master-key rotation: on every tick, sealed secrets still under an older master key are
 * moved onto the current one, a batch a transaction, until none is left. Only the server holding the {@code secret-rewrap}
 * lease runs it; were two to move the same row, they would meet in its conditional update, and one would find it done.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class SecretRewrapFeed {

    static final int BATCH = 100;
    /** A tick moves at most this many batches, so that a large re-wrap shares the server with everything else. */
    static final int BATCHES_A_TICK = 50;
    private static final Logger LOG = Logger.getLogger(SecretRewrapFeed.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @EJB
    MasterKeyRotation rotation;

    @Inject
    Leases leases;

    @Resource
    TimerService timers;

    @Inject
    Ticks ticks;

    @PostConstruct
    void start() {
        ticks.start(timers);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        FAILURES.run("Cannot re-wrap sealed secrets now; will retry", () -> {
            if (!leases.hold("secret-rewrap")) {
                return;
            }
            for (int i = 0; i < BATCHES_A_TICK && rotation.rewrapBatch(BATCH) == BATCH; i++) {
                // a full batch: there may be more
            }
        });
    }
}
