package dev.keyward.notice.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.notice.CredentialNotice;
import dev.keyward.domain.notice.Notice;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.notice.control.Mailer;
import dev.keyward.notice.control.Outbox;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivering the outbox, and writing the notices that time brings (a credential about to expire). Called by
 * {@link NoticeFeed} on the server that holds the lease; each notice is delivered in a transaction of its own.
 */
@Stateless
public class Deliveries {

    @PersistenceContext
    EntityManager em;

    @Inject
    Mailer mailer;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    static final Duration WEEK = Duration.ofDays(7);

    @Inject
    CredentialCache cache;

    /** Days before its expiry when a credential's owner is told, largest first (keyward.notices.expiry-days). */
    @Inject
    @ConfigProperty(name = "keyward.notices.expiry-days", defaultValue = "30,7,1")
    String expiryDays;

    /** The notices due now, oldest first, at most {@code max}. */
    public List<String> due(int max) {
        return em.createNamedQuery(Notice.DUE, String.class).setParameter("now", clock.instant()).setMaxResults(max).getResultList();
    }

    /** Sends one notice if it is still due; a failure is written down and tried again later. True when it was sent. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliver(String id) {
        Notice n = em.find(Notice.class, id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (n == null || !n.isDue(now)) {
            return false;
        }
        try {
            mailer.send(n.recipient(), n.subject(), n.body());
            n.delivered(clock.instant());
            return true;
        } catch (MessagingException | RuntimeException failed) {
            n.failed(clock.instant(), failed.getClass().getSimpleName() + ": " + failed.getMessage());
            return false;
        }
    }

    /**
     * Dormant credentials, in the tenants that ask for it ({@code dormantAfterDays}): an active credential unused (or,
     * never used, made) that many days ago is disabled, audited and its owner told; one that will be in a week or less
     * is its owner's news once per last use. Returns how many were disabled.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sleepDormant(int max) {
        Instant now = clock.instant();
        int slept = 0;
        for (Tenant tenant : em.createQuery("select t from Tenant t where t.dormantAfterDays is not null", Tenant.class).getResultList()) {
            Duration allowed = Duration.ofDays(tenant.dormantAfterDays());
            Instant cutoff = now.minus(allowed);
            List<ClientCredential> quiet = em.createQuery("select c from ClientCredential c left join fetch c.owner"
                            + " where c.tenant = :tenant and c.status = :active"
                            + " and coalesce(c.lastUsedAt, c.createdAt) < :warnFrom and (c.wokenAt is null or c.wokenAt < :warnFrom)"
                            + " order by c.createdAt", ClientCredential.class)
                    .setParameter("tenant", tenant).setParameter("active", CredentialStatus.ACTIVE)
                    .setParameter("warnFrom", cutoff.plus(WEEK)).setMaxResults(max).getResultList();
            for (ClientCredential c : quiet) {
                if (c.sleepIfUnusedSince(cutoff, now)) {
                    cache.evict(c.clientId());
                    audit.record(tenant, AuditAction.CREDENTIAL_DISABLED, Actor.SYSTEM, "credential", c.id(),
                            c.name() + " (dormant: unused since " + c.lastSignOfLife() + ")");
                    outbox.dormant(c);
                    slept++;
                } else if (em.find(CredentialNotice.class, CredentialNotice.key(c.id(), dormancyWarning(c))) == null) {
                    em.persist(new CredentialNotice(c.id(), dormancyWarning(c), now));
                    outbox.dormantSoon(c, c.lastSignOfLife().plus(allowed));
                }
            }
        }
        return slept;
    }

    /**
     * Owners of credentials whose rotation's grace ends within a day: told once per rotation, when the previous secret
     * stops working. Returns how many were told.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int remindGraceEnding(int max) {
        Instant now = clock.instant();
        List<ClientCredential> ending = em.createQuery("select c from ClientCredential c join fetch c.tenant left join fetch c.owner"
                        + " where c.status = :active and c.previousValidUntil > :now and c.previousValidUntil <= :horizon"
                        + " order by c.previousValidUntil", ClientCredential.class)
                .setParameter("active", CredentialStatus.ACTIVE).setParameter("now", now)
                .setParameter("horizon", now.plus(Duration.ofDays(1))).setMaxResults(max).getResultList();
        int told = 0;
        for (ClientCredential c : ending) {
            String kind = "grace-" + c.previousValidUntil().getEpochSecond();
            if (em.find(CredentialNotice.class, CredentialNotice.key(c.id(), kind)) == null) {
                em.persist(new CredentialNotice(c.id(), kind, now));
                outbox.graceEnding(c, c.previousValidUntil());
                told++;
            }
        }
        return told;
    }

    /** One warning per last use: used again, and quiet again, the owner hears again. */
    private static String dormancyWarning(ClientCredential c) {
        return "dormant-" + c.lastSignOfLife().getEpochSecond();
    }

    /**
     * Tells the owners of credentials that expire within the days their tenant names (else the server's), once per threshold: a
     * credential with 5 days left hears of it once (the 7-day notice, the 30-day one counted as said), then again at 1.
     * Returns how many were told.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int remindExpiring(int max) {
        Instant now = clock.instant();
        List<Long> byDefault = Arrays.stream(expiryDays.split(",")).map(String::trim).filter(d -> !d.isEmpty())
                .map(Long::valueOf).filter(d -> d > 0).sorted((a, b) -> Long.compare(b, a)).toList();
        long widest = byDefault.isEmpty() ? 0 : byDefault.get(0);
        for (String days : em.createQuery("select t.expiryNoticeDays from Tenant t where t.expiryNoticeDays is not null", String.class)
                .getResultList()) {
            widest = Math.max(widest, Long.parseLong(days.split(",")[0]));
        }
        if (widest == 0) {
            return 0;
        }
        List<ClientCredential> expiring = em.createQuery("select c from ClientCredential c join fetch c.tenant left join fetch c.owner"
                        + " where c.status in :live and c.expiresAt > :now and c.expiresAt <= :horizon"
                        + " and not exists (select n from CredentialNotice n where n.credentialId = c.id and n.kind = 'expiry-done')"
                        + " order by c.expiresAt", ClientCredential.class)
                .setParameter("live", List.of(CredentialStatus.ACTIVE, CredentialStatus.DISABLED)).setParameter("now", now)
                .setParameter("horizon", now.plus(Duration.ofDays(widest))).setMaxResults(max).getResultList();
        int told = 0;
        for (ClientCredential c : expiring) {
            List<Long> thresholds = c.tenant().expiryNoticeDays().isEmpty() ? byDefault
                    : c.tenant().expiryNoticeDays().stream().map(Integer::longValue).toList();
            if (thresholds.isEmpty()) {
                continue;
            }
            Duration left = Duration.between(now, c.expiresAt());
            // the smallest threshold that the time left is within: the one notice due now
            Optional<Long> due = thresholds.stream().filter(d -> left.compareTo(Duration.ofDays(d)) <= 0).reduce((a, b) -> b);
            if (due.isEmpty() || em.find(CredentialNotice.class, CredentialNotice.key(c.id(), "expiry-" + due.get())) != null) {
                continue;
            }
            for (long d : thresholds) {
                if (d >= due.get() && em.find(CredentialNotice.class, CredentialNotice.key(c.id(), "expiry-" + d)) == null) {
                    em.persist(new CredentialNotice(c.id(), "expiry-" + d, now));
                }
            }
            if (due.get().equals(thresholds.get(thresholds.size() - 1))) {
                em.persist(new CredentialNotice(c.id(), "expiry-done", now));
            }
            outbox.expiring(c, left.toDays());
            audit.record(c.tenant(), AuditAction.CREDENTIAL_EXPIRING, Actor.SYSTEM, "credential", c.id(),
                    c.name() + " expires at " + c.expiresAt() + "; its owner was told");
            told++;
        }
        return told;
    }
}
