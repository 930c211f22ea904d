package dev.keyward.webhook.control;

import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.domain.webhook.WebhookDelivery;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.domain.webhook.WebhookFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an audit event into the deliveries it owes, in the event's own transaction: the event types a webhook carries
 * are credential events (and the suspension of a credential's owner), and a token's revocation. The payload is written now
 * and sent as is: Keyward's event object, or for a SET receiver the claims of its Security Event Token ({@link SecurityEvents}),
 * signed when sent.
 */
@ApplicationScoped
public class WebhookOutbox {

    private static final Map<AuditAction, String> TYPES = new EnumMap<>(Map.of(
            AuditAction.CREDENTIAL_CREATED, "credential.created",
            AuditAction.CREDENTIAL_ROTATED, "credential.rotated",
            AuditAction.CREDENTIAL_EXPIRING, "credential.expiring",
            AuditAction.CREDENTIAL_EXPIRED, "credential.expired",
            AuditAction.CREDENTIAL_DISABLED, "credential.disabled",
            AuditAction.CREDENTIAL_ENABLED, "credential.enabled",
            AuditAction.CREDENTIAL_REVOKED, "credential.revoked",
            AuditAction.MEMBER_SUSPENDED, "credential.suspended",
            AuditAction.LEAK_REPORTED, "credential.leaked",
            AuditAction.TOKEN_REVOKED, "token.revoked"));

    @PersistenceContext
    EntityManager em;

    @Inject
    SecurityEvents securityEvents;

    /**
     * The deliveries {@code event} owes, written now; nothing for an event no webhook carries (a leaked access token's report
     * is not a credential's: its revocation, which follows, is the event).
     */
    public void owe(AuditEvent event) {
        String type = TYPES.get(event.action());
        if (type == null || event.tenantId() == null || event.action() == AuditAction.LEAK_REPORTED && "token".equals(event.targetType())) {
            return;
        }
        List<WebhookEndpoint> endpoints = em.createNamedQuery(WebhookEndpoint.BY_TENANT, WebhookEndpoint.class)
                .setParameter("tenantId", event.tenantId()).getResultList();
        String payload = null;
        for (WebhookEndpoint endpoint : endpoints) {
            if (!endpoint.wants(type)) {
                continue;
            }
            if (endpoint.format() == WebhookFormat.SET) {
                // each receiver its own token: its audience, and its jti, which is the delivery's id
                String jti = UUID.randomUUID().toString();
                em.persist(new WebhookDelivery(jti, endpoint, event.id(), type, securityEvents.claims(endpoint, event, type, jti).toString(),
                        event.occurredAt()));
            } else {
                payload = payload != null ? payload : payload(endpoint.tenant(), event, type);
                em.persist(new WebhookDelivery(endpoint, event.id(), type, payload, event.occurredAt()));
            }
        }
    }

    private static String payload(Tenant tenant, AuditEvent e, String type) {
        JsonObjectBuilder target = Json.createObjectBuilder().add("type", e.targetType() == null ? "" : e.targetType())
                .add("id", e.targetId() == null ? "" : e.targetId());
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", e.id()).add("type", type)
                .add("occurredAt", e.occurredAt().toString()).add("tenant", tenant.slug())
                .add("actor", Json.createObjectBuilder().add("username", e.actorUsername())).add("target", target);
        if (e.detail() != null) {
            o.add("detail", e.detail());
        }
        return o.build().toString();
    }
}
