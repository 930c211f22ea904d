package dev.keyward.credential.control;

import dev.keyward.credential.control.CredentialCache;
import dev.keyward.platform.QuietLog;
import dev.keyward.token.control.RevokedTokens;
import dev.keyward.platform.control.Ticks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Follows the credentials' change feed ({@code changed_at}) every {@code keyward.feeds.interval} and evicts what changed from
 * this server's {@link CredentialCache}, so that a revocation made through any server stops tokens on every
 * server within seconds. The high-water mark trails by a margin, since a transaction can commit a little
 * after the time it wrote; evicting something twice costs nothing.
 */
@Singleton
@Startup
public class CredentialChanges {

    static final Duration OVERLAP = Duration.ofSeconds(10);
    private static final QuietLog FAILURES = new QuietLog(Logger.getLogger(CredentialChanges.class.getName()), Duration.ofMinutes(1));

    @PersistenceContext
    EntityManager em;

    @Inject
    CredentialCache cache;

    @Inject
    Clock clock;

    @Inject
    RevokedTokens revokedTokens;

    private Instant seen;

    @Resource
    TimerService timers;

    @Inject
    Ticks ticks;

    @PostConstruct
    void start() {
        ticks.start(timers);
        seen = clock.instant();
    }

    /** A tick; while the database cannot be read, the mark waits and one line a minute says so. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        FAILURES.run("Cannot read the credential changes now; will retry", this::follow);
    }

    void follow() {
        Instant since = seen.minus(OVERLAP);
        List<Object[]> changed = em.createQuery("select c.clientId, c.changedAt, c.version from ClientCredential c"
                + " where c.changedAt > :since order by c.changedAt", Object[].class)
                .setParameter("since", since).setMaxResults(10_000).getResultList();
        for (Object[] row : changed) {
            Instant at = (Instant) row[1];
            cache.forgetOlderThan((String) row[0], (Long) row[2]);
            if (at.isAfter(seen)) {
                seen = at;
            }
        }
        revokedTokens.follow(since);
        Instant now = clock.instant();
        if (changed.isEmpty() && now.minus(OVERLAP).isAfter(seen)) {
            seen = now.minus(OVERLAP);
        }
    }
}
