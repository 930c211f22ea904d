package dev.keyward.throttle.boundary;

import dev.keyward.platform.QuietLog;
import dev.keyward.throttle.control.Throttles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts failed client authentications in the audit trail in aggregate: every {@code keyward.throttle.report-interval}
 * (a minute), one event per credential whose client ID failed in that interval, with the count and the number of
 * addresses, in its tenant's trail. Failures with IDs that do not exist go in the platform's trail as a count only: what
 * a stranger typed as a client ID is not kept (it may be someone's secret pasted in the wrong field).
 */
@Singleton
@Startup
public class FailureReports {

    private static final Logger LOG = Logger.getLogger(FailureReports.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @Inject
    Throttles throttles;

    @EJB
    FailureAudit audit;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "keyward.throttle.report-interval", defaultValue = "PT1M")
    Duration interval;

    @PostConstruct
    void start() {
        long millis = Math.max(1, interval.toMillis());
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    /** Without a transaction of its own: the audit's transaction commits (or fails, while the database is away) inside. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void report() {
        Throttles.Report report = throttles.drainFailures();
        if (!report.byClientId().isEmpty() || report.ofUnknownIds() > 0) {
            FAILURES.run("Cannot write the failed authentications to the audit trail now", () -> audit.write(report, interval));
        }
    }
}
