package dev.keyward.webhook.boundary;

import dev.keyward.access.Caller;
import dev.keyward.access.Membership;
import dev.keyward.access.TenantScope;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.audit.boundary.Refusals;
import dev.keyward.credential.control.SecretFormat;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.webhook.WebhookDelivery;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.domain.webhook.WebhookFormat;
import dev.keyward.platform.control.MasterKeys;
import dev.keyward.webhook.control.WebhookHosts;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A tenant's webhook endpoints, for those who manage its team: made (the signing secret shown once), listed, deleted,
 * and each one's delivery log. Every change is audited in its transaction.
 */
@Stateless
public class Webhooks {

    /** A new endpoint and its signing secret, shown this once. */
    public record IssuedWebhook(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "IssuedWebhook[" + endpoint.id() + "]"; // never the secret
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    TenantScope scope;

    @Inject
    Refusals refusals;

    @Inject
    AuditTrail audit;

    @Inject
    SecretHasher secrets;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Clock clock;

    @Inject
    WebhookHosts hosts;

    /**
     * A new endpoint: {@code format} {@code json} (or null) for Keyward's event objects, {@code set} for Security Event
     * Tokens.
     */
    public IssuedWebhook create(String slug, Caller caller, String url, String format, Set<String> events, String description) {
        Membership m = manager(slug, caller, "webhook", url);
        String secret = secrets.newWebhookSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(m.tenant(), url, WebhookFormat.fromSlug(format), events, description,
                SecretFormat.webhookHint(secret),
                rowId -> masterKeys.seal(secret.getBytes(StandardCharsets.US_ASCII), rowId), caller.username(),
                hosts.loopbackHttp(), clock.instant());
        if (endpoint.pushes()) {
            hosts.checkRegistrable(endpoint.url());
        }
        em.persist(endpoint);
        audit.record(m.tenant(), AuditAction.WEBHOOK_CREATED, caller.actor(), "webhook", endpoint.id(),
                where(endpoint) + " (" + endpoint.format().slug() + ") for " + String.join(", ", endpoint.events()));
        return new IssuedWebhook(endpoint, secret);
    }

    public List<WebhookEndpoint> list(String slug, Caller caller) {
        Membership m = manager(slug, caller, "webhook", null);
        return em.createNamedQuery(WebhookEndpoint.BY_TENANT, WebhookEndpoint.class).setParameter("tenantId", m.tenant().id())
                .getResultList();
    }

    public void delete(String slug, Caller caller, String id) {
        Membership m = manager(slug, caller, "webhook", id);
        WebhookEndpoint endpoint = visible(m, id);
        endpoint.delete(clock.instant());
        audit.record(m.tenant(), AuditAction.WEBHOOK_DELETED, caller.actor(), "webhook", endpoint.id(), where(endpoint));
    }

    /** The endpoint's deliveries, newest first, at most {@code limit}. */
    public List<WebhookDelivery> deliveries(String slug, Caller caller, String id, int limit) {
        Membership m = manager(slug, caller, "webhook", id);
        WebhookEndpoint endpoint = visible(m, id);
        return em.createNamedQuery(WebhookDelivery.BY_ENDPOINT, WebhookDelivery.class).setParameter("endpoint", endpoint.id())
                .setMaxResults(limit).getResultList();
    }

    /** The endpoint's URL, or for a receiver that polls, that it polls. */
    private static String where(WebhookEndpoint endpoint) {
        return endpoint.pushes() ? endpoint.url() : "polled";
    }

    private Membership manager(String slug, Caller caller, String targetType, String targetId) {
        Membership m = scope.require(slug, caller);
        refusals.check(m.tenant(), caller.actor(), targetType, targetId, () -> m.policy().checkMayManageMembers(m.member()));
        return m;
    }

    private WebhookEndpoint visible(Membership m, String id) {
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, id);
        if (endpoint == null || !endpoint.tenant().id().equals(m.tenant().id()) || endpoint.deletedAt() != null) {
            throw DomainException.notFound("webhook", id);
        }
        return endpoint;
    }
}
