package dev.keyward.webhook.control;

import dev.keyward.platform.control.Signer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one delivery, signed as Stripe signs its webhooks: {@code Keyward-Signature: t=<unix seconds>,v1=<hex>}, the hex
 * being HMAC-SHA-256 under the endpoint's secret of {@code <t>.<body>}. A receiver recomputes it, compares in constant
 * time and refuses a timestamp older than it tolerates (five minutes, say), which stops a replay. A Security Event Token
 * is pushed as RFC 8935 §2 says ({@code application/secevent+jwt}, the JWT as the body), signed by Keyward's key when
 * sent, and carries the same HMAC signature besides.
 */
@ApplicationScoped
public class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** RFC 8417 §8.2's media type. */
    static final String SECURITY_EVENT_TOKEN = "application/secevent+jwt";

    @Inject
    Clock clock;

    @Inject
    WebhookHosts hosts;

    @Inject
    Signer signer;

    private HttpClient http;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The endpoint's status code; an exception when it could not be reached, or its host is not a public address now. */
    public int send(Outgoing d) throws java.io.IOException, InterruptedException {
        hosts.check(d.url());
        long t = clock.instant().getEpochSecond();
        String body = d.securityEvent() ? signer.sign(SecurityEvents.stored(d.payload()), SecurityEvents.TYPE) : d.payload();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url())).timeout(TIMEOUT)
                .header("Content-Type", d.securityEvent() ? SECURITY_EVENT_TOKEN : "application/json")
                .header("User-Agent", "Keyward-Webhooks/1")
                .header("Keyward-Event-Id", d.eventId())
                .header("Keyward-Event-Type", d.eventType())
                .header("Keyward-Delivery-Id", d.deliveryId())
                .header("Keyward-Signature", "t=" + t + ",v1=" + signature(d.secret(), t, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (d.securityEvent()) {
            request.header("Accept", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** hex(HMAC-SHA-256(secret, t + "." + body)). */
    public static String signature(byte[] secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
