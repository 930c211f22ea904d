package dev.keyward.token.boundary;

import dev.keyward.access.Caller;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.token.SigningKey;
import dev.keyward.platform.control.ServerKeys;
import dev.keyward.token.control.KeyMaterial;
import dev.keyward.token.control.KeyRing;
import dev.keyward.platform.control.AfterTransaction;
import dev.keyward.platform.control.Cluster;
import dev.keyward.platform.control.ClusterNews;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token-signing keys and their rotation. Rotating publishes a new key at once and lets it sign only
 * after {@code keyward.signing.publish-lead}, so that relying parties that cache the JWKS have fetched it;
 * the old key stays published until the longest-lived token it may have signed has expired. Keys are
 * server-wide, not a tenant's: only operators see and rotate them, and their events form the platform's
 * own audit trail.
 */
@Stateless
public class SigningKeys {

    /** Customer tokens live a day whatever the tenant's policy; no key may retire before they expire. */
    static final Duration CUSTOMER_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Clocks of relying parties may run a little behind. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    @Inject
    ServerKeys serverKeys;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    AfterTransaction afterTransaction;

    @Inject
    Cluster cluster;

    @Inject
    @ConfigProperty(name = "keyward.signing.publish-lead")
    Duration publishLead;

    /** Every key, newest first, retired ones included: the operator's view. */
    public List<SigningKey> list(Caller caller) {
        requireOperator(caller);
        return all();
    }

    /** An operator's rotation. */
    public SigningKey rotate(Caller caller) {
        requireOperator(caller);
        return rotate(caller.actor(), "rotated on request");
    }

    /**
     * Publishes a new key that starts signing after the publish lead and schedules the current key's
     * retirement. One rotation at a time: while a published key waits to sign, another rotation is 409.
     */
    public SigningKey rotate(Actor actor, String reason) {
        Instant now = clock.instant();
        List<SigningKey> keys = all();
        keys.stream().filter(k -> k.stageAt(now) == SigningKey.Stage.NEXT).findFirst().ifPresent(waiting -> {
            throw DomainException.conflict("rotation-pending", "A new signing key is already published and starts signing at "
                    + waiting.activatesAt() + "; rotate again after that.");
        });
        SigningKey current = keys.stream().filter(k -> k.stageAt(now) == SigningKey.Stage.CURRENT).findFirst()
                .orElseThrow(() -> DomainException.conflict("no-signing-key", "No key signs now; restart the server to create one."));
        // Serialises rotations across servers: the second one waits here, then sees the first one's key.
        em.lock(current, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(current);
        if (current.supersededAt() != null) {
            throw DomainException.conflict("rotation-pending", "Another rotation has just published a new signing key.");
        }
        SigningKey next = KeyMaterial.create(serverKeys.sealingKey(), now, now.plus(publishLead));
        current.supersedeBy(next, longestTokenLifetime().plus(CLOCK_SKEW), now);
        em.persist(next);
        audit.record((String) null, AuditAction.SIGNING_KEY_ROTATED, actor, "signing-key", next.kid(),
                reason + "; " + next.kid() + " signs from " + next.activatesAt() + ", " + current.kid() + " retires at " + current.retiresAt());
        afterTransaction.runAfterCommit(() -> cluster.tell(ClusterNews.signingKeys()));
        return next;
    }

    /** The first key, on the very first start: it signs at once, since no token exists yet to verify. */
    public void ensureOne() {
        if (em.createQuery("select count(k) from SigningKey k", Long.class).getSingleResult() > 0) {
            return;
        }
        Instant now = clock.instant();
        SigningKey first = KeyMaterial.create(serverKeys.sealingKey(), now, now);
        em.persist(first);
        audit.record((String) null, AuditAction.SIGNING_KEY_CREATED, Actor.SYSTEM, "signing-key", first.kid(), "first signing key");
    }

    /** The keys still published, opened, for this server's {@link KeyRing}. */
    public List<KeyRing.Entry> published() {
        Instant now = clock.instant();
        return all().stream().filter(k -> k.publishedAt(now)).map(k -> KeyMaterial.open(k, serverKeys.sealingKey())).toList();
    }

    private List<SigningKey> all() {
        return em.createQuery("select k from SigningKey k", SigningKey.class).getResultStream()
                .sorted(Comparator.comparing(SigningKey::activatesAt).reversed()).toList();
    }

    /** The longest any token can live: the longest tenant policy, and at least a customer token's day. */
    private Duration longestTokenLifetime() {
        Integer longestPolicy = em.createQuery("select max(p.tokenLifetimeSeconds) from CredentialPolicy p", Integer.class).getSingleResult();
        Duration policy = Duration.ofSeconds(longestPolicy == null ? 0 : longestPolicy);
        return policy.compareTo(CUSTOMER_TOKEN_LIFETIME) > 0 ? policy : CUSTOMER_TOKEN_LIFETIME;
    }

    private static void requireOperator(Caller caller) {
        if (!caller.operator()) {
            throw new PolicyRefusedException("operator-role", "Only Keyward operators may see or rotate the token signing keys.");
        }
    }
}
