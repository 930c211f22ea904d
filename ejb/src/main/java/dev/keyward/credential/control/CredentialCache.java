package dev.keyward.credential.control;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.platform.control.AfterTransaction;
import dev.keyward.platform.control.Cluster;
import dev.keyward.platform.control.Meters;
import jakarta.annotation.PostConstruct;
import dev.keyward.platform.control.ClusterNews;
import jakarta.enterprise.event.Observes;
import dev.keyward.platform.control.FreshCache;
import dev.keyward.platform.control.MasterKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Credentials by client ID, for the token endpoint, and EUID keys by their API key's hash, for the EUID endpoints, so
 * that neither costs a database read.
 *
 * <p>Why eviction happens after commit: evicting only before would let a concurrent token request reload
 * the not-yet-committed old state (say, still active) and cache it after a revocation. So a change evicts
 * at once and again when its transaction completes, and a load that overlaps it keeps nothing ({@link FreshCache}).
 * Changes made by another server reach this one through {@link CredentialChanges} within seconds; entries also
 * age out after {@link #MAX_AGE} as a backstop.
 */
@ApplicationScoped
public class CredentialCache {

    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Bounds memory: a few hundred bytes an entry. */
    static final int MAX_ENTRIES = 200_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    AfterTransaction afterTransaction;

    @Inject
    Clock clock;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Cluster cluster;

    /** Unknown client IDs are remembered too, so that a guessed ID costs what a real one does (no database read). */
    private final FreshCache<CachedCredential> byClientId = FreshCache.rememberingAbsence(MAX_AGE, MAX_ENTRIES);
    /**
     * Which EUID key an API key's keyed hash (hex) belongs to, which is all a request carries; unknown ones are remembered
     * too. A fact that never changes (an API key is never rotated), so nothing has to evict it.
     */
    private final FreshCache<String> keyIdByApiKeyHash = FreshCache.rememberingAbsence(MAX_AGE, MAX_ENTRIES);
    /** EUID keys by key ID, forgotten by their ID exactly as credentials are. */
    private final FreshCache<CachedEuidKey> euidKeysById = FreshCache.rememberingAbsence(MAX_AGE, MAX_ENTRIES);

    @Inject
    Meters meters;

    @PostConstruct
    void measure() {
        meters.cache("credentials", byClientId);
        meters.cache("euid-keys", euidKeysById);
    }

    public Optional<CachedCredential> find(String clientId) {
        return byClientId.get(clientId, clock.instant(), this::load);
    }

    /** {@link #find}, from memory alone: {@link dev.keyward.platform.control.NotInMemory} when it would read the database. */
    public Optional<CachedCredential> inMemory(String clientId) {
        return byClientId.inMemory(clientId, clock.instant());
    }

    /** The EUID key whose API key has this keyed hash. */
    public Optional<CachedEuidKey> findEuidKey(byte[] apiKeyHash) {
        Instant now = clock.instant();
        return keyIdByApiKeyHash.get(HexFormat.of().formatHex(apiKeyHash), now, this::loadKeyId)
                .flatMap(keyId -> euidKeysById.get(keyId, now, this::loadEuidKey));
    }

    /** The EUID key with this key ID. */
    public Optional<CachedEuidKey> findEuidKeyById(String keyId) {
        return euidKeysById.get(keyId, clock.instant(), this::loadEuidKey);
    }

    Optional<String> loadKeyId(String hashHex) {
        return em.createNamedQuery(ClientCredential.KEY_ID_BY_API_KEY_HASH, String.class).setParameter("hash", hashHex)
                .getResultStream().findFirst();
    }

    Optional<CachedEuidKey> loadEuidKey(String keyId) {
        return em.createNamedQuery(ClientCredential.BY_CLIENT_ID, ClientCredential.class).setParameter("clientId", keyId)
                .getResultStream().filter(c -> c.kind() == CredentialKind.EUID_KEY).findFirst()
                .map(c -> CachedEuidKey.of(c, masterKeys, clock.instant()));
    }

    /** An OAuth client by client ID: an EUID key's ID names no OAuth client (EUID has no access tokens). */
    Optional<CachedCredential> load(String clientId) {
        return em.createNamedQuery(ClientCredential.BY_CLIENT_ID, ClientCredential.class)
                .setParameter("clientId", clientId).getResultStream().filter(c -> c.kind() == CredentialKind.OAUTH_CLIENT)
                .findFirst().map(CachedCredential::of);
    }

    /**
     * Forgets a credential now, without waiting for a transaction, unless what is kept was read after the change:
     * for changes already committed, which {@link CredentialChanges} sees (again) in the database.
     */
    void forgetOlderThan(String clientId, long version) {
        byClientId.forgetIf(clientId, kept -> kept.olderThan(version));
        euidKeysById.forgetIf(clientId, kept -> kept.olderThan(version));
    }

    /**
     * Marks every credential of {@code tenant} as changed, for a change of the tenant that each of them reads (its rate
     * limit): this server forgets them, and the others do when their change feed sees the new versions.
     */
    public void touchAll(Tenant tenant, Instant now) {
        List<String> clientIds = em.createQuery("select c.clientId from ClientCredential c where c.tenant = :tenant", String.class)
                .setParameter("tenant", tenant).getResultList();
        em.createQuery("update ClientCredential c set c.changedAt = :now, c.version = c.version + 1 where c.tenant = :tenant")
                .setParameter("now", now).setParameter("tenant", tenant).executeUpdate();
        clientIds.forEach(this::evictHere);
    }

    /**
     * Forgets a credential now and, when called within a transaction, again when that transaction completes, when the
     * other cluster members are told to forget it too.
     */
    public void evict(String clientId) {
        evictHere(clientId);
        afterTransaction.runAfterCommit(() -> cluster.tell(ClusterNews.credential(clientId)));
    }

    /** What another member changed: forgotten here at once, ahead of the change feed. */
    void heard(@Observes ClusterNews news) {
        if (news.topic() == ClusterNews.Topic.CREDENTIAL) {
            forget(news.key());
        }
    }

    private void evictHere(String clientId) {
        forget(clientId);
        afterTransaction.run(() -> forget(clientId));
    }

    private void forget(String clientId) {
        byClientId.forget(clientId);
        euidKeysById.forget(clientId);
    }
}
