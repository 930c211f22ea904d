package dev.keyward.token.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes the {@link UsageLog} down every two seconds, so that issuing a token never waits on a database
 * write. "Last used" is informational: losing the last two seconds of it in a crash is acceptable; slowing
 * every token down is not.
 */
@Singleton
public class UsageRecorder {

    @PersistenceContext
    EntityManager em;

    @Inject
    UsageLog log;

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    public void flush() {
        log.drain().forEach((clientId, at) -> em.createQuery("update ClientCredential c set c.lastUsedAt = :at"
                        + " where c.clientId = :clientId and (c.lastUsedAt is null or c.lastUsedAt < :at)")
                .setParameter("at", at).setParameter("clientId", clientId).executeUpdate());
    }
}
