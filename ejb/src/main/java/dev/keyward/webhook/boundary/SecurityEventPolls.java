package dev.keyward.webhook.boundary;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.webhook.WebhookDelivery;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.platform.control.MasterKeys;
import dev.keyward.platform.control.Signer;
import dev.keyward.webhook.control.SecurityEvents;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Poll-based delivery of Security Event Tokens (RFC 8936): a SET receiver asks for its pending events, acknowledging those
 * it has processed ({@code ack}) and refusing those it cannot ({@code setErrs}) in the same request; acknowledged ones are
 * delivered, refused ones given up with the receiver's reason, and neither is offered again. The receiver proves itself
 * with its endpoint's secret as a bearer; an unknown receiver, a deleted one, one that is not a SET receiver and a wrong
 * secret are answered alike.
 */
@Stateless
public class SecurityEventPolls {

    /** How many SETs one answer holds at most, whatever the receiver asks for. */
    static final int MAX_EVENTS = 100;
    static final int DEFAULT_EVENTS = 20;
    static final int MAX_ACKS = 1000;

    /** A receiver's refusal of one SET (RFC 8936 §2.4.2's {@code setErrs} member). */
    public record SetError(String err, String description) {
    }

    /** The answer: the SETs by their {@code jti}, and whether more are waiting. */
    public record Polled(Map<String, String> sets, boolean moreAvailable) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Signer signer;

    @Inject
    Clock clock;

    public Polled poll(String endpointId, String secret, Integer maxEvents, List<String> ack, Map<String, SetError> setErrs) {
        WebhookEndpoint endpoint = endpointId == null ? null : em.find(WebhookEndpoint.class, endpointId);
        if (endpoint == null || !endpoint.polls() || secret == null || !MessageDigest.isEqual(
                masterKeys.open(endpoint.secret(), endpoint.id()), secret.getBytes(StandardCharsets.US_ASCII))) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid-receiver", "Unauthorized",
                    "Poll with 'Authorization: Bearer <the secret shown when the event receiver was made>' at its own poll URL.");
        }
        int acks = (ack == null ? 0 : ack.size()) + (setErrs == null ? 0 : setErrs.size());
        if (acks > MAX_ACKS) {
            throw DomainException.invalid("too-many-acknowledgements", "Acknowledge at most " + MAX_ACKS + " SETs in one poll.");
        }
        if (maxEvents != null && (maxEvents < 0 || maxEvents > MAX_EVENTS)) {
            throw DomainException.invalid("invalid-max-events", "maxEvents is 0 (acknowledge only) to " + MAX_EVENTS + ".");
        }
        Instant now = clock.instant();
        if (ack != null) {
            ack.forEach(jti -> pending(endpoint, jti).ifPresent(d -> d.acknowledged(now)));
        }
        if (setErrs != null) {
            setErrs.forEach((jti, error) -> pending(endpoint, jti).ifPresent(d -> d.refusedByReceiver("the receiver refused it: "
                    + (error == null ? "" : error.err() + (error.description() == null ? "" : " (" + error.description() + ")")), now)));
        }
        int wanted = maxEvents == null ? DEFAULT_EVENTS : maxEvents;
        List<WebhookDelivery> waiting = em.createNamedQuery(WebhookDelivery.PENDING, WebhookDelivery.class)
                .setParameter("endpoint", endpoint.id()).setMaxResults(wanted + 1).getResultList();
        Map<String, String> sets = new LinkedHashMap<>();
        waiting.stream().limit(wanted).forEach(d -> sets.put(d.id(), signer.sign(SecurityEvents.stored(d.payload()), SecurityEvents.TYPE)));
        return new Polled(sets, waiting.size() > wanted);
    }

    /** The receiver's delivery {@code jti}, if it is still pending: another's, or one already settled, is passed over. */
    private Optional<WebhookDelivery> pending(WebhookEndpoint endpoint, String jti) {
        if (jti == null || jti.length() > 36) {
            return Optional.empty();
        }
        WebhookDelivery d = em.find(WebhookDelivery.class, jti, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(d).filter(x -> x.endpointId().equals(endpoint.id())
                && x.attempts().deliveredAt() == null && x.attempts().givenUpAt() == null);
    }
}
