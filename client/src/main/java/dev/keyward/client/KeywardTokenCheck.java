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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * For resource servers: a JAX-RS container filter that accepts a request only with a Keyward bearer token, checked locally by
 * Keyward's JWKS (signature, {@code typ at+jwt}, issuer, audience, expiry), and, when asked, also still alive by
 * introspection (RFC 7662) with a short cache, so that a revoked token or credential stops within that time rather than
 * when the token expires. The caller is the request's {@code SecurityContext} (the client ID as the principal, the token's
 * permissions as roles); the token's claims are in the request property {@link #CLAIMS}. A token bound to a key (DPoP,
 * RFC 9449) is accepted only as {@code Authorization: DPoP <token>} with a proof for this very request (method, URL as
 * received, at most a minute old, the token's hash), signed by the key the token names ({@code cnf.jkt}) and not seen by
 * this filter before; refusals carry RFC 9449's {@code WWW-Authenticate: DPoP} challenge.
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
    private static final String BEARER = "Bearer";
    private static final String DPOP = "DPoP";
    static final int MAX_REMEMBERED = 10_000;
    /** What a DPoP proof may be signed with: Keyward's own list ({@code dpop_signing_alg_values_supported}). */
    static final List<String> DPOP_ALGORITHMS = List.of("ES256", "RS256", "PS256", "EdDSA");
    static final long PROOF_MAX_AGE_SECONDS = 60;
    static final long PROOF_MAX_AHEAD_SECONDS = 30;
    static final int MAX_PROOF_LENGTH = 8192;

    private final String issuer;
    private final JwtConsumer consumer;
    private final ClientProof introspector;
    private final Duration cacheFor;
    private final Client http;
    private final Clock clock;
    private final Map<String, Instant> aliveUntil = new ConcurrentHashMap<>();
    /** The proofs seen ({@code jkt jti}), each until it could no longer be accepted: a proof is good once. */
    private final Map<String, Instant> proofsSeen = new ConcurrentHashMap<>();

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
        boolean bearer = inScheme(authorization, BEARER);
        boolean dpop = inScheme(authorization, DPOP);
        if (!bearer && !dpop) {
            request.abortWith(unauthorized(null, null));
            return;
        }
        String scheme = bearer ? BEARER : DPOP;
        String token = authorization.substring(scheme.length() + 1).trim();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException invalid) {
            request.abortWith(unauthorized(scheme, "invalid_token"));
            return;
        }
        String jkt = boundKey(claims);
        if (bearer && jkt != null || dpop && jkt == null) {
            // a bound token works only with its key's proof; an unbound one is no DPoP token
            request.abortWith(unauthorized(DPOP, "invalid_token"));
            return;
        }
        if (dpop && !proven(request, token, jkt)) {
            request.abortWith(unauthorized(DPOP, "invalid_dpop_proof"));
            return;
        }
        if (introspector != null && !alive(token, claims)) {
            request.abortWith(unauthorized(scheme, "invalid_token"));
            return;
        }
        request.setProperty(CLAIMS, claims);
        request.setSecurityContext(new TokenSecurity(claims, scheme, request.getSecurityContext().isSecure()));
    }

    /** Whether an Authorization header is in {@code scheme} (case-insensitive, RFC 9110 §11.1) with something after it. */
    private static boolean inScheme(String authorization, String scheme) {
        int length = scheme.length();
        return authorization != null && authorization.length() > length && authorization.charAt(length) == ' '
                && authorization.regionMatches(true, 0, scheme, 0, length);
    }

    /** The thumbprint of the key the token is bound to ({@code cnf.jkt}), or null for a bearer token. */
    private static String boundKey(JwtClaims claims) {
        Object cnf = claims.getClaimValue("cnf");
        Object jkt = cnf instanceof Map<?, ?> confirmation ? confirmation.get("jkt") : null;
        return cnf == null ? null : String.valueOf(jkt);
    }

    /**
     * Whether the request carries one DPoP proof (RFC 9449 §4.3) for itself and {@code token}, signed by the key whose
     * thumbprint is {@code jkt}, and never seen before by this filter.
     */
    private boolean proven(ContainerRequestContext request, String token, String jkt) {
        List<String> proofs = request.getHeaders().get(DPOP);
        if (proofs == null || proofs.size() != 1 || proofs.get(0).length() > MAX_PROOF_LENGTH) {
            return false;
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(proofs.get(0).trim());
            String alg = jws.getAlgorithmHeaderValue();
            PublicJsonWebKey key = jws.getJwkHeader();
            if (!"dpop+jwt".equals(jws.getHeader("typ")) || !DPOP_ALGORITHMS.contains(alg) || key == null || key.getPrivateKey() != null
                    || !jkt.equals(key.calculateBase64urlEncodedThumbprint("SHA-256"))) {
                return false;
            }
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setKey(key.getPublicKey());
            if (!jws.verifySignature()) {
                return false;
            }
            JwtClaims proof = JwtClaims.parse(jws.getPayload());
            String htu = proof.getStringClaimValue("htu");
            NumericDate iat = proof.getIssuedAt();
            String jti = proof.getJwtId();
            Instant now = clock.instant();
            if (htu == null || iat == null || jti == null || !request.getMethod().equals(proof.getStringClaimValue("htm"))
                    || !htu.replaceFirst("[?#].*$", "").equals(request.getUriInfo().getAbsolutePath().toString())
                    || !KeywardTokens.sha256(token).equals(proof.getStringClaimValue("ath"))) {
                return false;
            }
            Instant issued = Instant.ofEpochSecond(iat.getValue());
            if (issued.isBefore(now.minusSeconds(PROOF_MAX_AGE_SECONDS)) || issued.isAfter(now.plusSeconds(PROOF_MAX_AHEAD_SECONDS))) {
                return false;
            }
            return firstUse(jkt + " " + jti, issued.plusSeconds(PROOF_MAX_AGE_SECONDS), now);
        } catch (JoseException | InvalidJwtException | MalformedClaimException | RuntimeException unreadable) { // a header or claim of the wrong shape
            return false;
        }
    }

    /** Remembers a proof until it could no longer be accepted; false if it was seen before. */
    private boolean firstUse(String proof, Instant until, Instant now) {
        if (proofsSeen.size() >= MAX_REMEMBERED) {
            proofsSeen.values().removeIf(now::isAfter);
            if (proofsSeen.size() >= MAX_REMEMBERED) {
                return false; // more live proofs than it may remember: refused rather than forgotten early
            }
        }
        return proofsSeen.putIfAbsent(proof, until) == null;
    }

    /**
     * Who called, for {@code @Context SecurityContext}: the client ID as the principal's name, and each permission of the
     * token's {@code scope} as a role ({@code isUserInRole("products:write")}).
     */
    private record TokenSecurity(JwtClaims claims, String scheme, boolean secure) implements SecurityContext {
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
            return scheme;
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

    /** RFC 6750 §3's answer, or RFC 9449 §7.1's in the DPoP scheme; both schemes when no token came. */
    private static Response unauthorized(String scheme, String error) {
        String dpop = DPOP + " realm=\"keyward\", algs=\"" + String.join(" ", DPOP_ALGORITHMS) + "\"";
        String challenge = scheme == null ? BEARER + " realm=\"keyward\", " + dpop
                : (DPOP.equals(scheme) ? dpop : BEARER + " realm=\"keyward\"") + ", error=\"" + error + "\"";
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
