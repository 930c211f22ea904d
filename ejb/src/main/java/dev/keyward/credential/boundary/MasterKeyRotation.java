package dev.keyward.credential.boundary;

import dev.keyward.access.Caller;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.CredentialState;
import dev.keyward.domain.credential.SealedSecret;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.MasterKeyRing;
import dev.keyward.platform.control.MasterKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rotating the master keys that seal EUID keys' client secrets, for operators: a new key becomes current at once, the
 * background re-wrap ({@link SecretRewrapFeed}) moves every sealed secret onto it in batches, each secret in one
 * update of its row, and an old key can be removed once nothing is sealed under it. Nothing is refused meanwhile:
 * requests use the client secrets already opened in memory, and a server opens a secret with whichever key sealed it.
 */
@Stateless
public class MasterKeyRotation {

    /** A master key: whether new secrets are sealed under it, and how many stored secrets still are. */
    public record MasterKey(String id, boolean current, long sealedSecrets) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    MasterKeys masterKeys;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.feeds.interval")
    Duration feedsInterval;

    private static final QuietLog UNOPENABLE = new QuietLog(Logger.getLogger(MasterKeyRotation.class.getName()), Duration.ofMinutes(10));

    public List<MasterKey> list(Caller caller) {
        requireOperator(caller);
        MasterKeyRing ring = masterKeys.reload();
        return ring.ids().stream().sorted().map(id -> new MasterKey(id, id.equals(ring.currentId()), sealedUnder(id))).toList();
    }

    /** A new master key, current from now on; the re-wrap starts on the next tick of every server. */
    public MasterKey rotate(Caller caller) {
        requireOperator(caller);
        String previous = masterKeys.reload().currentId();
        String id = masterKeys.create();
        audit.record((String) null, AuditAction.MASTER_KEY_CREATED, caller.actor(), "master-key", id,
                "new secrets are sealed under " + id + "; " + sealedUnder(previous) + " sealed under " + previous + " are being re-wrapped");
        return new MasterKey(id, true, 0);
    }

    /** Deletes an old master key, once nothing stored is sealed under it any more. */
    public void remove(Caller caller, String id) {
        requireOperator(caller);
        MasterKeyRing ring = masterKeys.reload();
        if (!ring.has(id)) {
            throw DomainException.notFound("master-key", id);
        }
        if (id.equals(ring.currentId())) {
            throw DomainException.conflict("master-key-current", "Master key " + id + " is the current one; rotate first.");
        }
        Duration settling = feedsInterval.multipliedBy(5);
        if (clock.instant().isBefore(masterKeys.currentSince().plus(settling))) {
            // every server reads the new current key on its next tick: until they all have, one may still seal under this one
            throw DomainException.conflict("master-key-settling", "Master key " + id + " was current until moments ago; other servers"
                    + " may still seal under it. Try again in " + settling.toSeconds() + " s.");
        }
        long sealed = sealedUnder(id);
        if (sealed > 0) {
            throw DomainException.conflict("master-key-in-use", "Master key " + id + " still seals " + sealed
                    + " secrets; the background re-wrap is moving them. Try again shortly.");
        }
        masterKeys.remove(id);
        audit.record((String) null, AuditAction.MASTER_KEY_REMOVED, caller.actor(), "master-key", id, "nothing was sealed under it any more");
    }

    /**
     * Moves up to {@code batch} rows' sealed secrets onto the current master key, in a transaction of its own; returns how
     * many rows it moved. Each row is one conditional update: a row changed meanwhile (a rotation of that key) is left for
     * the next batch, never overwritten, and a crash half-way leaves every row sealed under one key or the other.
     *
     * <p>Rows are found by the older keys' IDs, one indexed lookup per column, and not at all while the ring holds only
     * its current key: the feed asks every tick, and a scan of every credential each time cost a million-credential
     * server a quarter of its processor.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int rewrapBatch(int batch) {
        MasterKeyRing ring = masterKeys.reload();
        String current = ring.currentId();
        List<String> older = ring.ids().stream().filter(id -> !id.equals(current)).sorted().toList();
        if (older.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, Object[]> found = new LinkedHashMap<>();
        for (String column : List.of("clientSecretKey", "previousClientSecretKey")) {
            em.createQuery("select c.id, c.clientSecretKey, c.clientSecretSealed, c.previousClientSecretKey,"
                            + " c.previousClientSecretSealed, c.previousValidUntil from ClientCredential c"
                            + " where c." + column + " in :older order by c.id", Object[].class)
                    .setParameter("older", older).setMaxResults(batch - found.size()).getResultList()
                    .forEach(row -> found.putIfAbsent((String) row[0], row));
            if (found.size() >= batch) {
                break;
            }
        }
        List<Object[]> rows = List.copyOf(found.values());
        int moved = 0;
        int webhooks = rewrapWebhooks(ring, older, batch - rows.size());
        for (Object[] row : rows) {
            String id = (String) row[0];
            Instant previousUntil = (Instant) row[5];
            SealedSecret secret;
            SealedSecret previous;
            try {
                secret = rewrapped(ring, id, (String) row[1], (String) row[2]);
                // a previous secret whose grace has ended is erased rather than carried onto the new key
                previous = CredentialState.inGrace(previousUntil, now) ? rewrapped(ring, id, (String) row[3], (String) row[4]) : null;
            } catch (IllegalStateException unopenable) {
                UNOPENABLE.warn("A sealed client secret of credential " + id + " does not open under its master key; left as it is", null);
                continue;
            }
            // the version goes up, so that a change made from a copy read before the re-wrap fails as a concurrent change
            // instead of writing the old ciphertext back; changedAt stays, since what the secret is has not changed
            moved += em.createQuery("update ClientCredential c set c.clientSecretKey = :key, c.clientSecretSealed = :sealed,"
                            + " c.previousClientSecretKey = :previousKey, c.previousClientSecretSealed = :previousSealed,"
                            + " c.version = c.version + 1"
                            + " where c.id = :id and c.clientSecretSealed = :was and (c.previousClientSecretSealed = :previousWas"
                            + " or (c.previousClientSecretSealed is null and :previousWas is null))")
                    .setParameter("key", secret == null ? null : secret.masterKeyId()).setParameter("sealed", secret == null ? null : secret.sealed())
                    .setParameter("previousKey", previous == null ? null : previous.masterKeyId())
                    .setParameter("previousSealed", previous == null ? null : previous.sealed())
                    .setParameter("id", id).setParameter("was", row[2]).setParameter("previousWas", row[4]).executeUpdate();
        }
        if (moved > 0 || webhooks > 0) {
            audit.record((String) null, AuditAction.MASTER_KEY_REWRAPPED, Actor.SYSTEM, "master-key", current,
                    moved + " credentials' client secrets and " + webhooks + " webhook secrets re-wrapped under " + current);
        }
        return rows.size() + webhooks;
    }

    /** The same for webhook endpoints' signing secrets: up to {@code batch} of them, each resealed for its own row. */
    private int rewrapWebhooks(MasterKeyRing ring, List<String> older, int batch) {
        if (batch <= 0) {
            return 0;
        }
        List<WebhookEndpoint> endpoints = em.createQuery("select w from WebhookEndpoint w where w.secretKey in :older order by w.id",
                WebhookEndpoint.class).setParameter("older", older).setMaxResults(batch).getResultList();
        for (WebhookEndpoint w : endpoints) {
            w.reseal(ring.rewrap(w.secret(), w.id()));
        }
        return endpoints.size();
    }

    private static SealedSecret rewrapped(MasterKeyRing ring, String owner, String keyId, String sealed) {
        return keyId == null || sealed == null ? null : ring.rewrap(new SealedSecret(keyId, sealed), owner);
    }

    private long sealedUnder(String id) {
        return em.createQuery("select count(c) from ClientCredential c where c.clientSecretKey = :id or c.previousClientSecretKey = :id", Long.class)
                .setParameter("id", id).getSingleResult()
                + em.createQuery("select count(w) from WebhookEndpoint w where w.secretKey = :id", Long.class)
                .setParameter("id", id).getSingleResult();
    }

    private static void requireOperator(Caller caller) {
        if (!caller.operator()) {
            throw new PolicyRefusedException("operator-role", "Only Keyward operators may see or rotate the master keys.");
        }
    }
}
