package dev.keyward.token.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when each credential was last used and writes it down every few seconds in one batch, so
 * that issuing a token never waits on a database write. "Last used" is informational: losing the last
 * few seconds of it in a crash is acceptable; slowing every token down is not.
 */
@Singleton
@Lock(LockType.READ)
public class UsageRecorder {

    @PersistenceContext
    EntityManager em;

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public void used(String clientId, Instant at) {
        pending.merge(clientId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    public void flush() {
        for (String clientId : pending.keySet()) {
            Instant at = pending.remove(clientId);
            if (at != null) {
                em.createQuery("update ClientCredential c set c.lastUsedAt = :at where c.clientId = :clientId"
                                + " and (c.lastUsedAt is null or c.lastUsedAt < :at)")
                        .setParameter("at", at).setParameter("clientId", clientId).executeUpdate();
            }
        }
    }
}
