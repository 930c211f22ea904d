package dev.keyward.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * For resource servers: a JAX-RS container filter that accepts a request only with a Keyward bearer token, checked locally by
 * Keyward's JWKS (signature, {@code typ at+jwt}, issuer, audience, expiry), and, when asked, also still alive by
 * introspection (RFC 7662) with a short cache, so that a revoked token or credential stops within that time rather than
 * when the token expires. The caller is the request's {@code SecurityContext} (the client ID as the principal, the token's
 * permissions as roles); the token's claims are in the request property {@link #CLAIMS}. A token bound to a key (DPoP) is
 * refused: this filter checks no proofs.
 *
 * <pre>
 * &#64;Provider public class Guard extends KeywardTokenCheck {
 *     public Guard() { super(KeywardTokenCheck.issuer(URI.create("https://keyward.example.com"))); }
 * }
 * </pre>
 * (or, to stop revoked tokens within five seconds, {@code .honouringRevocation(ClientProof.secret(id, secret), Duration.ofSeconds(5))}
 * on the settings, with a credential that holds {@code tokens:introspect}).
 */
public class KeywardTokenCheck implements ContainerRequestFilter {

    /** The request property holding the verified token's {@link JwtClaims}. */
    public static final String CLAIMS = KeywardTokenCheck.class.getName() + ".claims";
    static final int MAX_REMEMBERED = 10_000;

    private final String issuer;
    private final JwtConsumer consumer;
    private final ClientProof introspector;
    private final Duration cacheFor;
    private final Client http;
    private final Clock clock;
    private final Map<String, Instant> aliveUntil = new ConcurrentHashMap<>();

    public KeywardTokenCheck(Settings settings) {
        this.issuer = settings.issuer;
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(issuer + "/oauth/jwks")))
                .setExpectedType(true, "at+jwt")
                .setExpectedIssuer(issuer)
                .setExpectedAudience(settings.audience)
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30)
                .build();
        this.introspector = settings.introspector;
        this.cacheFor = settings.cacheFor;
        this.http = settings.introspector == null ? null : ClientBuilder.newClient();
        this.clock = settings.clock;
    }

    /** Settings for tokens of the Keyward whose issuer is {@code issuer}. */
    public static Settings issuer(URI issuer) {
        return new Settings(issuer.toString().replaceFirst("/+$", ""));
    }

    public static final class Settings {
        private final String issuer;
        private String audience = "keyward";
        private ClientProof introspector;
        private Duration cacheFor = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Settings(String issuer) {
            this.issuer = issuer;
        }

        /** The audience Keyward's tokens carry ({@code keyward.token.audience}; {@code keyward} by default). */
        public Settings audience(String audience) {
            this.audience = Objects.requireNonNull(audience);
            return this;
        }

        /**
         * Also asks Keyward whether each token is still alive, as this credential (which holds {@code tokens:introspect}, in
         * the tokens' tenant), remembering a live answer for {@code cacheFor}.
         */
        public Settings honouringRevocation(ClientProof introspector, Duration cacheFor) {
            this.introspector = Objects.requireNonNull(introspector);
            this.cacheFor = Objects.requireNonNull(cacheFor);
            return this;
        }

        public Settings clock(Clock clock) {
            this.clock = clock;
            return this;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            request.abortWith(unauthorized(null));
            return;
        }
        String token = authorization.substring(7).trim();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException invalid) {
            request.abortWith(unauthorized("invalid_token"));
            return;
        }
        // a token bound to a key needs its proof checked, which this filter does not do; a dead one is refused
        if (claims.hasClaim("cnf") || introspector != null && !alive(token, claims)) {
            request.abortWith(unauthorized("invalid_token"));
            return;
        }
        request.setProperty(CLAIMS, claims);
        request.setSecurityContext(new TokenSecurity(claims, request.getSecurityContext().isSecure()));
    }

    /**
     * Who called, for {@code @Context SecurityContext}: the client ID as the principal's name, and each permission of the
     * token's {@code scope} as a role ({@code isUserInRole("products:write")}).
     */
    private record TokenSecurity(JwtClaims claims, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> String.valueOf(claims.getClaimValue("client_id"));
        }

        @Override
        public boolean isUserInRole(String role) {
            return Arrays.asList(String.valueOf(claims.getClaimValue("scope")).split(" ")).contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    /** Whether Keyward says the token is active, asked at most once per {@code cacheFor} for a live token. */
    private boolean alive(String token, JwtClaims claims) {
        String jti = String.valueOf(claims.getClaimValue("jti"));
        Instant now = clock.instant();
        Instant until = aliveUntil.get(jti);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        Form form = new Form().param("token", token);
        introspector.addTo(form, issuer + "/oauth/introspect");
        var request = http.target(issuer + "/oauth/introspect").request(MediaType.APPLICATION_JSON_TYPE);
        if (introspector.authorization() != null) {
            request.header(HttpHeaders.AUTHORIZATION, introspector.authorization());
        }
        try (Response answer = request.post(Entity.form(form))) {
            String body = answer.readEntity(String.class);
            if (answer.getStatus() != 200) {
                throw new KeywardException(answer.getStatus(), "introspection_refused", "Keyward refused the introspection request");
            }
            boolean active;
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonObject json = reader.readObject();
                active = json.getBoolean("active", false);
            }
            if (active) {
                if (aliveUntil.size() >= MAX_REMEMBERED) {
                    aliveUntil.clear();
                }
                aliveUntil.put(jti, now.plus(cacheFor));
            } else {
                aliveUntil.remove(jti);
            }
            return active;
        }
    }

    /** RFC 6750 §3's answer. */
    private static Response unauthorized(String error) {
        String challenge = "Bearer realm=\"keyward\"" + (error == null ? "" : ", error=\"" + error + "\"");
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
