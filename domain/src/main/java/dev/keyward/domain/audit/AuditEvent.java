package dev.keyward.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One entry of a tenant's audit trail. Immutable once written. {@code detail} is a short sentence for
 * people (a role, a grace period, a refusal's reason), never a secret or a hash of one. Each event is a link of
 * its chain ({@link AuditChain}): its place, its predecessor's hash and its own, set once by {@link AuditChainHead#append}.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @Column(length = 36)
    private String id;

    /** Orders events written within one clock tick. */
    @Column(nullable = false)
    private long sequence;

    @Column(name = "tenant_id", length = 36)
    private String tenantId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private AuditAction action;

    @Column(name = "actor_subject", nullable = false, length = 64)
    private String actorSubject;

    @Column(name = "actor_username", nullable = false, length = 255)
    private String actorUsername;

    @Column(name = "source_ip", length = 64)
    private String sourceIp;

    @Column(name = "target_type", length = 32)
    private String targetType;

    @Column(name = "target_id", length = 64)
    private String targetId;

    @Column(length = 500)
    private String detail;

    @Column(name = "chain_id", nullable = false, length = 36)
    private String chainId;

    @Column(name = "chain_seq")
    private Long chainSeq;

    @Column(name = "previous_hash", length = 64)
    private String previousHash;

    @Column(length = 64)
    private String hash;

    protected AuditEvent() {
    }

    public AuditEvent(String tenantId, AuditAction action, Actor actor, String targetType, String targetId,
                      String detail, Instant now, long sequence) {
        this.id = UUID.randomUUID().toString();
        this.sequence = sequence;
        this.tenantId = tenantId;
        this.chainId = AuditChain.of(tenantId);
        // the databases keep microseconds: the hashed instant is the stored one
        this.occurredAt = now.truncatedTo(ChronoUnit.MICROS);
        this.action = action;
        this.actorSubject = actor.subject();
        this.actorUsername = actor.username();
        this.sourceIp = actor.sourceIp();
        this.targetType = targetType;
        // a refusal names what was asked for, which a client chose: kept, but never longer than its column
        this.targetId = shortened(targetId, 64);
        this.detail = shortened(detail, 500);
    }

    /** Takes its place in its chain: called by the chain's head, once. */
    void link(long seq, String previous) {
        if (hash != null) {
            throw new IllegalStateException("audit event " + id + " is already in its chain");
        }
        this.chainSeq = seq;
        this.previousHash = previous;
        this.hash = AuditChain.hash(previous, canonical());
    }

    /** What the hash covers, in {@link AuditChain}'s encoding. */
    public String canonical() {
        return AuditChain.canonical(chainId, id, occurredAt.toString(), action.slug(), actorSubject, actorUsername, sourceIp,
                targetType, targetId, detail);
    }

    public AuditChain.Link asLink() {
        return new AuditChain.Link(chainSeq, id, canonical(), previousHash, hash);
    }

    private static String shortened(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public Instant occurredAt() { return occurredAt; }
    public AuditAction action() { return action; }
    public String actorSubject() { return actorSubject; }
    public String actorUsername() { return actorUsername; }
    public String sourceIp() { return sourceIp; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public String detail() { return detail; }
    public String chainId() { return chainId; }
    public Long chainSeq() { return chainSeq; }
    public String previousHash() { return previousHash; }
    public String hash() { return hash; }
}
