package dev.keyward.audit.boundary;

import dev.keyward.access.Caller;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes and reads the audit trail. A change's event joins the change's transaction (MANDATORY): if the
 * change rolls back, so does its event, and an event never exists without its change. A refusal is the
 * opposite: the refused change rolls back, but the refusal itself is kept, in a transaction of its own.
 */
@Stateless
public class AuditTrail {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Tenant tenant, AuditAction action, Actor actor, String targetType, String targetId, String detail) {
        record(tenant.id(), action, actor, targetType, targetId, detail);
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String tenantId, AuditAction action, Actor actor, String targetType, String targetId, String detail) {
        em.persist(new AuditEvent(tenantId, action, actor, targetType, targetId, detail, clock.instant(),
                SEQUENCE.incrementAndGet()));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(String tenantId, Actor actor, String targetType, String targetId, PolicyRefusedException refusal) {
        em.persist(new AuditEvent(tenantId, AuditAction.POLICY_REFUSED, actor, targetType, targetId,
                refusal.rule() + ": " + refusal.detail(), clock.instant(), SEQUENCE.incrementAndGet()));
    }

    /** A tenant's trail: the newest first; every filter optional. */
    public List<AuditEvent> list(Tenant tenant, AuditAction action, String actorUsername, Instant since, Instant until,
                                 int offset, int limit) {
        return list(tenant.id(), action, actorUsername, since, until, offset, limit);
    }

    /** The platform's own trail (signing keys and whatever belongs to no tenant), for operators only. */
    public List<AuditEvent> listPlatform(Caller caller, AuditAction action, String actorUsername, Instant since, Instant until,
                                         int offset, int limit) {
        if (!caller.operator()) {
            throw new PolicyRefusedException("operator-role", "Only Keyward operators may read the platform's audit trail.");
        }
        return list((String) null, action, actorUsername, since, until, offset, limit);
    }

    private List<AuditEvent> list(String tenantId, AuditAction action, String actorUsername, Instant since, Instant until,
                                  int offset, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where ");
        Map<String, Object> params = new HashMap<>();
        if (tenantId == null) {
            jpql.append("e.tenantId is null");
        } else {
            jpql.append("e.tenantId = :tenantId");
            params.put("tenantId", tenantId);
        }
        if (action != null) {
            jpql.append(" and e.action = :action");
            params.put("action", action);
        }
        if (actorUsername != null) {
            jpql.append(" and e.actorUsername = :actor");
            params.put("actor", actorUsername);
        }
        if (since != null) {
            jpql.append(" and e.occurredAt >= :since");
            params.put("since", since);
        }
        if (until != null) {
            jpql.append(" and e.occurredAt < :until");
            params.put("until", until);
        }
        jpql.append(" order by e.occurredAt desc, e.sequence desc");
        TypedQuery<AuditEvent> query = em.createQuery(jpql.toString(), AuditEvent.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
