package dev.keyward.token.control;

import dev.keyward.domain.credential.ClientCredential;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials by client ID, for the token endpoint, so that a token costs no database read.
 *
 * <p>Why eviction happens after commit: evicting only before would let a concurrent token request reload
 * the not-yet-committed old state (say, still active) and cache it after a revocation. So a change evicts
 * at once and again when its transaction completes. Changes made by another server reach this one through
 * {@link CredentialChanges} within seconds; entries also age out after {@link #MAX_AGE} as a backstop.
 */
@ApplicationScoped
public class CredentialCache {

    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Bounds memory: a few hundred bytes an entry. Past it the cache starts over; the database has the rest. */
    static final int MAX_ENTRIES = 200_000;

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, CredentialSnapshot> byClientId = new ConcurrentHashMap<>();

    public Optional<CredentialSnapshot> find(String clientId) {
        Instant now = clock.instant();
        CredentialSnapshot cached = byClientId.get(clientId);
        if (cached != null && Duration.between(cached.loadedAt(), now).compareTo(MAX_AGE) < 0) {
            return Optional.of(cached);
        }
        Optional<CredentialSnapshot> loaded = em.createNamedQuery(ClientCredential.BY_CLIENT_ID, ClientCredential.class)
                .setParameter("clientId", clientId).getResultStream().findFirst()
                .map(c -> CredentialSnapshot.of(c, now));
        if (byClientId.size() >= MAX_ENTRIES) {
            byClientId.clear();
        }
        loaded.ifPresentOrElse(s -> byClientId.put(clientId, s), () -> byClientId.remove(clientId));
        return loaded;
    }

    /** Forgets a credential now, without waiting for a transaction: for changes already committed elsewhere. */
    void forget(String clientId) {
        byClientId.remove(clientId);
    }

    public void evict(String clientId) {
        byClientId.remove(clientId);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    byClientId.remove(clientId);
                }
            });
        }
    }
}
