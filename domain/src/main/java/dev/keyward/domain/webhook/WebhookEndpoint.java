package dev.keyward.domain.webhook;

import dev.keyward.domain.credential.SealedSecret;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.tenant.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Where a tenant wants its credential events sent. Its URL is HTTPS (plain HTTP to this machine's loopback only where
 * the server allows it, for development); it receives the event types it names, every one by default. Its secret signs
 * every delivery and is shown once, when the endpoint is made.
 */
@Entity
@Table(name = "webhook_endpoint")
@NamedQuery(name = WebhookEndpoint.BY_TENANT, query = "select w from WebhookEndpoint w join fetch w.tenant where w.tenant.id = :tenantId and w.deletedAt is null"
        + " order by w.createdAt")
public class WebhookEndpoint {

    public static final String BY_TENANT = "WebhookEndpoint.byTenant";
    static final int MAX_URL = 500;
    /** Why a URL whose address is not public is refused; the address itself is not echoed (it may be an internal name's). */
    public static final String NOT_PUBLIC = "A webhook goes to a public address on the internet, not to a private, loopback,"
            + " link-local or reserved one.";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    /** Where deliveries are pushed; null for a SET receiver that polls for them instead (RFC 8936). */
    @Column(length = MAX_URL)
    private String url;

    @Column(nullable = false, length = 400)
    private String events;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private WebhookFormat format;

    @Column(length = 200)
    private String description;

    @Column(name = "secret_key", nullable = false, length = 40)
    private String secretKey;

    @Column(name = "secret_sealed", nullable = false, length = 200)
    private String secretSealed;

    @Column(name = "secret_hint", nullable = false, length = 32)
    private String secretHint;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 255)
    private String createdBy;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected WebhookEndpoint() {
    }

    /**
     * A new endpoint. {@code seal} seals its secret for the row's id (the id is the sealing's associated data, so a
     * sealed secret cannot be moved to another row).
     */
    public WebhookEndpoint(Tenant tenant, String url, WebhookFormat format, Set<String> events, String description, String secretHint,
                           java.util.function.Function<String, SealedSecret> seal, String createdBy, boolean loopbackHttp, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.tenant = tenant;
        if (url == null && format != WebhookFormat.SET) {
            throw DomainException.invalid("invalid-webhook-url", "A webhook needs its URL; only an event receiver (format 'set')"
                    + " may leave it out, to poll for its events.");
        }
        this.url = url == null ? null : checkedUrl(url, loopbackHttp);
        this.format = format;
        this.events = String.join(",", checkedEvents(format, events));
        this.description = description;
        SealedSecret sealed = seal.apply(id);
        this.secretKey = sealed.masterKeyId();
        this.secretSealed = sealed.sealed();
        this.secretHint = secretHint;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /**
     * HTTPS with a host; plain HTTP only to 127.0.0.1, [::1] or localhost, and only where {@code loopbackHttp} allows it;
     * an IP address written in the URL must be one a webhook may go to ({@link WebhookTarget}).
     */
    static String checkedUrl(String url, boolean loopbackHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw DomainException.invalid("invalid-webhook-url", "The webhook URL is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
        if (host.isEmpty() || uri.getUserInfo() != null || uri.getFragment() != null
                || !(scheme.equals("https") || scheme.equals("http") && loopback && loopbackHttp)) {
            throw DomainException.invalid("invalid-webhook-url", "A webhook URL is https://host/path, with no user and no fragment"
                    + (loopbackHttp ? " (or http:// to this machine's loopback, in development)." : "."));
        }
        if (url.length() > MAX_URL) {
            throw DomainException.invalid("invalid-webhook-url", "A webhook URL is at most " + MAX_URL + " characters.");
        }
        Optional<InetAddress> literal;
        try {
            literal = WebhookTarget.literal(host);
        } catch (UnknownHostException notAnAddress) {
            throw DomainException.invalid("invalid-webhook-url", "A webhook URL's host is a name or a full IP address.");
        }
        if (literal.isPresent() && !WebhookTarget.mayReceive(literal.get(), loopbackHttp)) {
            throw DomainException.invalid("invalid-webhook-url", NOT_PUBLIC);
        }
        return url;
    }

    static Set<String> checkedEvents(WebhookFormat format, Set<String> asked) {
        List<String> known = format.eventTypes();
        if (asked == null || asked.isEmpty()) {
            return new LinkedHashSet<>(format.defaultEventTypes());
        }
        List<String> unknown = asked.stream().filter(e -> !known.contains(e)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid("unknown-event-type", "Unknown event types " + unknown + " for the format '" + format.slug()
                    + "'; known: " + known + ".");
        }
        return known.stream().filter(asked::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether deliveries are pushed to a URL, rather than waiting to be polled. */
    public boolean pushes() {
        return url != null;
    }

    /** Where below Keyward's root a SET receiver polls for its events (RFC 8936); null for a JSON endpoint. */
    public String pollPath() {
        return format == WebhookFormat.SET ? "/events/" + id : null;
    }

    /** Whether this is a SET receiver, which may poll for its events. */
    public boolean polls() {
        return format == WebhookFormat.SET && deletedAt == null;
    }

    public boolean wants(String eventType) {
        return deletedAt == null && Arrays.asList(events.split(",")).contains(eventType);
    }

    public void delete(Instant now) {
        if (deletedAt != null) {
            throw DomainException.conflict("webhook-deleted", "The webhook endpoint is already deleted.");
        }
        deletedAt = now;
    }

    /** Moves the sealed secret onto another master key (the re-wrap after a master-key rotation). */
    public void reseal(SealedSecret sealed) {
        secretKey = sealed.masterKeyId();
        secretSealed = sealed.sealed();
    }

    public SealedSecret secret() {
        return new SealedSecret(secretKey, secretSealed);
    }

    public String id() { return id; }
    public Tenant tenant() { return tenant; }
    public String url() { return url; }
    public WebhookFormat format() { return format; }
    public List<String> events() { return List.of(events.split(",")); }
    public String description() { return description; }
    public String secretHint() { return secretHint; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant deletedAt() { return deletedAt; }
}
