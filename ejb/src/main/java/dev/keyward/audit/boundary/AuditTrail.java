package dev.keyward.audit.boundary;

import dev.keyward.access.Caller;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditChain;
import dev.keyward.domain.audit.AuditChainHead;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.webhook.control.WebhookOutbox;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes and reads the audit trail. A change's event joins the change's transaction (MANDATORY): if the
 * change rolls back, so does its event, and an event never exists without its change. A refusal is the
 * opposite: the refused change rolls back, but the refusal itself is kept, in a transaction of its own.
 *
 * <p>Every event is appended to its chain ({@link AuditChain}) under a lock on the chain's head, held until the
 * transaction ends: writers to one tenant's trail take turns, on every server, and a rolled-back change takes its
 * link with it.
 */
@Stateless
public class AuditTrail {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookOutbox webhooks;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Tenant tenant, AuditAction action, Actor actor, String targetType, String targetId, String detail) {
        record(tenant.id(), action, actor, targetType, targetId, detail);
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String tenantId, AuditAction action, Actor actor, String targetType, String targetId, String detail) {
        append(new AuditEvent(tenantId, action, actor, targetType, targetId, detail, clock.instant(), SEQUENCE.incrementAndGet()));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(String tenantId, Actor actor, String targetType, String targetId, PolicyRefusedException refusal) {
        append(new AuditEvent(tenantId, AuditAction.POLICY_REFUSED, actor, targetType, targetId,
                refusal.rule() + ": " + refusal.detail(), clock.instant(), SEQUENCE.incrementAndGet()));
    }

    private void append(AuditEvent event) {
        head(event.chainId()).append(event);
        em.persist(event);
        webhooks.owe(event);
    }

    /** The chain's head, locked until this transaction ends; a tenant's first event starts its chain. */
    private AuditChainHead head(String chainId) {
        AuditChainHead head = em.find(AuditChainHead.class, chainId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            head = new AuditChainHead(chainId);
            em.persist(head);
        }
        return head;
    }

    /**
     * Links the events written before chains existed into their chains, oldest first; run at start. Only a chain
     * that has no link yet takes them: once a chain has begun, an event written around it stays out and its
     * verification says so, however often the server restarts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int linkEarlierEvents() {
        List<String> chains = em.createQuery("select distinct e.chainId from AuditEvent e where e.hash is null", String.class)
                .getResultList();
        int linked = 0;
        for (String chain : chains) {
            AuditChainHead head = head(chain); // locked: a second server starting now waits, then finds nothing to do
            if (head.lastSeq() > 0) {
                continue;
            }
            List<AuditEvent> earlier = em.createQuery("select e from AuditEvent e where e.chainId = :chain and e.hash is null"
                    + " order by e.occurredAt, e.sequence", AuditEvent.class).setParameter("chain", chain).getResultList();
            earlier.forEach(head::append);
            linked += earlier.size();
        }
        return linked;
    }

    /** What a walk of a chain found: how many events, its last place and hash, and the first break if any. */
    public record Verification(String chain, long events, long lastSeq, String lastHash, Optional<AuditChain.Break> firstBreak) {
    }

    /** Walks a tenant's chain as stored, and compares its end with the chain's head. */
    public Verification verify(Tenant tenant) {
        return verify(AuditChain.of(tenant.id()));
    }

    /** The same for the platform's chain, for operators only. */
    public Verification verifyPlatform(Caller caller) {
        requireOperator(caller);
        return verify(AuditChain.PLATFORM);
    }

    private Verification verify(String chain) {
        AuditChain.Walk walk = new AuditChain.Walk(hash -> placeOf(chain, hash));
        Optional<AuditChain.Break> found = Optional.empty();
        long after = Long.MIN_VALUE;
        List<AuditEvent> unplaced = em.createQuery("select e from AuditEvent e where e.chainId = :chain and e.chainSeq is null",
                AuditEvent.class).setParameter("chain", chain).setMaxResults(1).getResultList();
        while (found.isEmpty()) {
            List<AuditEvent> page = page(chain, after, 500);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEvent e : page) {
                found = walk.next(e.asLink());
                if (found.isPresent()) {
                    break;
                }
            }
            after = page.get(page.size() - 1).chainSeq();
            em.clear();
        }
        if (found.isEmpty() && !unplaced.isEmpty()) {
            found = walk.next(unplaced.get(0).asLink());
        }
        AuditChainHead head = em.find(AuditChainHead.class, chain);
        found = walk.end(head == null ? 0L : head.lastSeq(), head == null ? AuditChain.GENESIS : head.lastHash());
        return new Verification(chain, walk.links(), walk.lastSeq(), walk.lastHash(), found);
    }

    /** Hands a tenant's chain to {@code sink} in order, a page at a time, from place 1. */
    public void export(Tenant tenant, Consumer<AuditEvent> sink) {
        export(AuditChain.of(tenant.id()), sink);
    }

    /** The same for the platform's chain, for operators only. */
    public void exportPlatform(Caller caller, Consumer<AuditEvent> sink) {
        requireOperator(caller);
        export(AuditChain.PLATFORM, sink);
    }

    private void export(String chain, Consumer<AuditEvent> sink) {
        long after = Long.MIN_VALUE;
        for (List<AuditEvent> page = page(chain, after, 500); !page.isEmpty(); page = page(chain, after, 500)) {
            page.forEach(sink);
            after = page.get(page.size() - 1).chainSeq();
            em.clear();
        }
    }

    private List<AuditEvent> page(String chain, long after, int size) {
        return em.createQuery("select e from AuditEvent e where e.chainId = :chain and e.chainSeq > :after order by e.chainSeq, e.id",
                AuditEvent.class).setParameter("chain", chain).setParameter("after", after).setMaxResults(size).getResultList();
    }

    private OptionalLong placeOf(String chain, String hash) {
        List<Long> places = em.createQuery("select e.chainSeq from AuditEvent e where e.chainId = :chain and e.hash = :hash", Long.class)
                .setParameter("chain", chain).setParameter("hash", hash).setMaxResults(1).getResultList();
        return places.isEmpty() || places.get(0) == null ? OptionalLong.empty() : OptionalLong.of(places.get(0));
    }

    /** A tenant's trail: the newest first; every filter optional. */
    public List<AuditEvent> list(Tenant tenant, AuditAction action, String actorUsername, Instant since, Instant until,
                                 int offset, int limit) {
        return list(tenant.id(), action, actorUsername, since, until, offset, limit);
    }

    /** The platform's own trail (signing keys and whatever belongs to no tenant), for operators only. */
    public List<AuditEvent> listPlatform(Caller caller, AuditAction action, String actorUsername, Instant since, Instant until,
                                         int offset, int limit) {
        requireOperator(caller);
        return list((String) null, action, actorUsername, since, until, offset, limit);
    }

    /** Refuses anyone but an operator: for a caller that must know before it starts streaming the platform's chain. */
    public void requireOperator(Caller caller) {
        if (!caller.operator()) {
            throw new PolicyRefusedException("operator-role", "Only Keyward operators may read the platform's audit trail.");
        }
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
