package dev.keyward.web.audit;

import dev.keyward.domain.audit.AuditEvent;
import java.time.Instant;

public record AuditEventView(String id, Instant occurredAt, String type, Actor actor, String sourceIp, Target target,
                             String detail, Link chain) {

    public record Actor(String subject, String username) {
    }

    public record Target(String type, String id) {
    }

    /** The event's place in its tenant's hash chain, its predecessor's hash and its own. */
    public record Link(Long seq, String previousHash, String hash) {
    }

    public static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id(), e.occurredAt(), e.action().slug(), new Actor(e.actorSubject(), e.actorUsername()),
                e.sourceIp(), e.targetType() == null ? null : new Target(e.targetType(), e.targetId()), e.detail(),
                new Link(e.chainSeq(), e.previousHash(), e.hash()));
    }
}
