package dev.keyward.access;

import dev.keyward.platform.KeycloakSettings;
import dev.keyward.platform.QuietLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The keys Keycloak signs people's access tokens with (the realm's JWKS), fetched in the background and kept: a
 * management request never waits for Keycloak to check its token. Fetched at start, again when a request finds them
 * older than {@link #MAX_AGE}, and sooner when a token does not verify (Keycloak may have rotated), at most once per
 * {@link #MIN_GAP}. Until the first fetch succeeds there is nothing to check a token against, and the management
 * API says so at once (503), instead of refusing every caller as unauthenticated.
 */
@ApplicationScoped
public class RealmKeys {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MIN_GAP = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(RealmKeys.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @Inject
    KeycloakSettings keycloak;

    private volatile String jwks;
    private volatile long fetchedAt;
    private volatile long attemptedAt = Long.MIN_VALUE;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private HttpClient http;

    /**
     * The first fetch is waited for (within the timeouts): where Keycloak answers, the management API works from the
     * server's first request; where it does not, the start goes on and later requests retry in the background.
     */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            refresh().join();
        } catch (CompletionException alreadyReported) {
            // logged by fetched(); requests answer 503 until a later fetch succeeds
        }
    }

    /** The realm's current key set (JWKS JSON), if it has been fetched. */
    public Optional<String> jwks() {
        if (jwks == null || System.nanoTime() - fetchedAt > MAX_AGE.toNanos()) {
            refresh();
        }
        return Optional.ofNullable(jwks);
    }

    /**
     * A token did not verify against the keys we have: perhaps Keycloak rotated; fetch again, not too often. Completes
     * when this fetch is over, at once when none was started.
     */
    public CompletableFuture<?> refresh() {
        long now = System.nanoTime();
        if (attemptedAt != Long.MIN_VALUE && now - attemptedAt < MIN_GAP.toNanos() || !fetching.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        attemptedAt = now;
        try {
            // the HTTP client's own threads wait for Keycloak, never a request's; the whole exchange has a deadline, so
            // a Keycloak that sends headers and then stalls cannot keep the next fetch from ever starting
            Duration deadline = keycloak.connectTimeout().plus(keycloak.readTimeout());
            return client().sendAsync(HttpRequest.newBuilder(URI.create(keycloak.tokenKeys())).timeout(keycloak.readTimeout()).GET()
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete(this::fetched);
        } catch (RuntimeException cannotSend) {
            fetching.set(false);
            FAILURES.warn("Cannot fetch Keycloak's token keys from " + keycloak.tokenKeys(), cannotSend);
            return CompletableFuture.completedFuture(null);
        }
    }

    private void fetched(HttpResponse<String> answer, Throwable failure) {
        try {
            if (failure != null) {
                FAILURES.warn("Cannot fetch Keycloak's token keys now; will retry", failure);
            } else if (answer.statusCode() != 200 || !answer.body().contains("\"keys\"")) {
                FAILURES.warn("Cannot fetch Keycloak's token keys now; will retry",
                        new IllegalStateException("Keycloak answered " + answer.statusCode()));
            } else {
                jwks = answer.body();
                fetchedAt = System.nanoTime();
            }
        } finally {
            fetching.set(false);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(keycloak.connectTimeout()).build();
        }
        return http;
    }
}
