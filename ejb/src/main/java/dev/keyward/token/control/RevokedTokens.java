package dev.keyward.token.control;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.platform.control.AfterTransaction;
import dev.keyward.platform.control.Cluster;
import dev.keyward.platform.control.ClusterNews;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single tokens revoked before their expiry (RFC 7009). The database keeps them for other servers and
 * restarts; memory answers the question on every request. An entry is only needed until the token
 * would have expired anyway, so the set stays small.
 */
@ApplicationScoped
public class RevokedTokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    AfterTransaction afterTransaction;

    @Inject
    Cluster cluster;

    private final ConcurrentHashMap<String, Instant> byJti = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        List<Object[]> rows = em.createNativeQuery("select jti, expires_at from revoked_token where expires_at > ?")
                .setParameter(1, clock.instant()).getResultList();
        for (Object[] row : rows) {
            byJti.put((String) row[0], toInstant(row[1]));
        }
    }

    public boolean isRevoked(String jti) {
        return byJti.containsKey(jti);
    }

    @Transactional
    public void revoke(String jti, String tenantId, String clientId, Instant expiresAt, String sourceIp) {
        if (byJti.putIfAbsent(jti, expiresAt) != null) {
            return;
        }
        Instant now = clock.instant();
        em.createNativeQuery("insert into revoked_token (jti, tenant_id, client_id, revoked_at, expires_at) values (?, ?, ?, ?, ?)")
                .setParameter(1, jti).setParameter(2, tenantId).setParameter(3, clientId)
                .setParameter(4, now).setParameter(5, expiresAt).executeUpdate();
        audit.record(tenantId, AuditAction.TOKEN_REVOKED, new Actor(clientId, clientId, sourceIp), "token", jti,
                "valid until " + expiresAt);
        byJti.values().removeIf(expiry -> expiry.isBefore(now));
        afterTransaction.runAfterCommit(() -> cluster.tell(ClusterNews.tokenRevoked(jti, expiresAt)));
    }

    /** A token another member revoked, heard the moment it committed. */
    void heard(@Observes ClusterNews news) {
        if (news.topic() == ClusterNews.Topic.TOKEN_REVOKED) {
            String[] jtiAndExpiry = news.key().split(" ", 2);
            byJti.put(jtiAndExpiry[0], Instant.parse(jtiAndExpiry[1]));
        }
    }

    /** Catching up from the database: tokens revoked (through any member) after {@code since}. */
    public void follow(Instant since) {
        Instant now = clock.instant();
        byJti.values().removeIf(expiry -> expiry.isBefore(now)); // what was heard of or read here, once it expired anyway
        List<Object[]> rows = em.createNativeQuery("select jti, expires_at from revoked_token where revoked_at > ? and expires_at > ?")
                .setParameter(1, since).setParameter(2, clock.instant()).getResultList();
        for (Object[] row : rows) {
            byJti.putIfAbsent((String) row[0], toInstant(row[1]));
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
