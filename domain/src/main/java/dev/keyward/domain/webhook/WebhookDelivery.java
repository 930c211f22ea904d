package dev.keyward.domain.webhook;

import dev.keyward.domain.shared.Attempts;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One event owed to one endpoint: written in the transaction of the change (the outbox), sent afterwards, tried again
 * with growing waits for a day. Its payload is fixed when it is written, so every attempt sends the same bytes.
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(name = WebhookDelivery.DUE, query = "select d.id from WebhookDelivery d where d.attempts.deliveredAt is null"
        + " and d.attempts.givenUpAt is null and d.attempts.nextAttemptAt <= :now"
        + " and d.endpointId in (select w.id from WebhookEndpoint w where w.url is not null) order by d.attempts.nextAttemptAt")
@NamedQuery(name = WebhookDelivery.PENDING, query = "select d from WebhookDelivery d where d.endpointId = :endpoint"
        + " and d.attempts.deliveredAt is null and d.attempts.givenUpAt is null order by d.createdAt, d.id")
@NamedQuery(name = WebhookDelivery.BY_ENDPOINT, query = "select d from WebhookDelivery d where d.endpointId = :endpoint"
        + " order by d.createdAt desc")
public class WebhookDelivery {

    public static final String DUE = "WebhookDelivery.due";
    public static final String BY_ENDPOINT = "WebhookDelivery.byEndpoint";
    /** An endpoint's deliveries neither delivered nor given up, oldest first: what a polling receiver gets. */
    public static final String PENDING = "WebhookDelivery.pending";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "endpoint_id", nullable = false, length = 36)
    private String endpointId;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 40)
    private String eventType;

    @Column(nullable = false, length = 4000)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Embedded
    private Attempts attempts;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(WebhookEndpoint endpoint, String eventId, String eventType, String payload, Instant now) {
        this(UUID.randomUUID().toString(), endpoint, eventId, eventType, payload, now);
    }

    /** A delivery whose id is already chosen: a Security Event Token's {@code jti}, by which its receiver acknowledges it. */
    public WebhookDelivery(String id, WebhookEndpoint endpoint, String eventId, String eventType, String payload, Instant now) {
        this.id = id;
        this.endpointId = endpoint.id();
        this.tenantId = endpoint.tenant().id();
        this.eventId = eventId;
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = now;
        this.attempts = Attempts.dueAt(now);
    }

    public boolean isDue(Instant now) {
        return attempts.isDue(now);
    }

    /** The endpoint answered: a 2xx is delivered, anything else is tried again later. */
    public void answered(int status, Instant now, Duration firstWait) {
        lastStatus = status;
        if (status >= 200 && status < 300) {
            attempts.delivered(now);
        } else {
            attempts.failed(now, createdAt, firstWait, "HTTP " + status);
        }
    }

    /** The endpoint could not be reached (refused, timed out): tried again later. */
    public void unreachable(String why, Instant now, Duration firstWait) {
        lastStatus = null;
        attempts.failed(now, createdAt, firstWait, why);
    }

    /** A polling receiver acknowledged it (RFC 8936 §2.4): delivered. */
    public void acknowledged(Instant now) {
        attempts.delivered(now);
    }

    /** A polling receiver could not accept it, and said why: not offered again. */
    public void refusedByReceiver(String why, Instant now) {
        attempts.giveUp(now, why.length() > 400 ? why.substring(0, 400) : why);
    }

    /** Its endpoint was deleted: nothing more is sent. */
    public void endpointDeleted(Instant now) {
        attempts.giveUp(now, "the endpoint was deleted");
    }

    public String id() { return id; }
    public String endpointId() { return endpointId; }
    public String tenantId() { return tenantId; }
    public String eventId() { return eventId; }
    public String eventType() { return eventType; }
    public String payload() { return payload; }
    public Instant createdAt() { return createdAt; }
    public Integer lastStatus() { return lastStatus; }
    public Attempts attempts() { return attempts; }
}
