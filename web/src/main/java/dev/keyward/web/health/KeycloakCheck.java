package dev.keyward.web.health;

import dev.keyward.platform.KeycloakSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Keycloak, reported but never taking the server out of its load balancer: without Keycloak, people cannot sign in to
 * the console or the management API, and changes to them are not followed, but every credential keeps getting tokens
 * (what this server keeps is what it last knew). So the check is always UP, with {@code keycloak: degraded} when
 * Keycloak does not answer. Asked at most every five seconds, however often the probes come.
 */
@Readiness
@ApplicationScoped
public class KeycloakCheck implements HealthCheck {

    static final Duration KEEP = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Inject
    KeycloakSettings keycloak;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Instant askedAt = Instant.EPOCH;
    private volatile boolean reachable = true;

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        if (now.isAfter(askedAt.plus(KEEP))) {
            askedAt = now;
            reachable = answers();
        }
        return HealthCheckResponse.named("keycloak").up().withData("keycloak", reachable ? "ok" : "degraded")
                .withData("tokens", "issued").withData("sign-in", reachable ? "available" : "unavailable").build();
    }

    private boolean answers() {
        try {
            URI realm = URI.create(keycloak.internalUrl() + "/realms/" + keycloak.realm());
            var response = http.send(HttpRequest.newBuilder(realm).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
