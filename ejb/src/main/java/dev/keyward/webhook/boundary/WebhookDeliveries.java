package dev.keyward.webhook.boundary;

import dev.keyward.domain.webhook.WebhookDelivery;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.domain.webhook.WebhookFormat;
import dev.keyward.platform.control.MasterKeys;
import dev.keyward.webhook.control.Outgoing;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox's side of sending: what is due, what to send for one delivery (read in a transaction of its own), and
 * what came of it (written in another). The HTTP call itself happens between the two, outside any transaction.
 */
@Stateless
public class WebhookDeliveries {

    @PersistenceContext
    EntityManager em;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Clock clock;

    /** The first wait after a failed attempt; each next one is twice as long, up to an hour. */
    @Inject
    @ConfigProperty(name = "keyward.webhooks.first-retry", defaultValue = "PT30S")
    Duration firstRetry;

    public List<String> due(int max) {
        return em.createNamedQuery(WebhookDelivery.DUE, String.class).setParameter("now", clock.instant()).setMaxResults(max)
                .getResultList();
    }

    /** The delivery to send now, if it is still due and its endpoint still there (a deleted endpoint's are given up). */
    public Optional<Outgoing> prepare(String id) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || !d.isDue(clock.instant())) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, d.endpointId());
        if (endpoint.deletedAt() != null) {
            d.endpointDeleted(clock.instant());
            return Optional.empty();
        }
        return Optional.of(new Outgoing(d.id(), endpoint.url(), d.eventId(), d.eventType(), d.payload(),
                masterKeys.open(endpoint.secret(), endpoint.id()), endpoint.format() == WebhookFormat.SET));
    }

    /** The endpoint answered {@code status}. */
    public void answered(String id, int status) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d != null) {
            d.answered(status, clock.instant(), firstRetry);
        }
    }

    /** The endpoint could not be reached. */
    public void unreachable(String id, String why) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d != null) {
            d.unreachable(why, clock.instant(), firstRetry);
        }
    }
}
