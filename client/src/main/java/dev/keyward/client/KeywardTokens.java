package dev.keyward.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Client-credentials access tokens from Keyward for one credential, kept until shortly before they expire: one token request
 * per lifetime however many threads ask (the first to find it stale fetches it while the others keep using the old one until
 * it really expires, or wait for the new one when there is none), a new one when a resource server says the token is no
 * longer valid ({@link #invalidate}). Optionally bound to a key with DPoP (RFC 9449): then every request needs a fresh
 * proof ({@link #proof}), and a server nonce is followed. Thread-safe; one per credential.
 */
public final class KeywardTokens implements AutoCloseable {

    /** How long before its expiry a token is replaced, at most (a tenth of its lifetime for shorter tokens). */
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

    /** An access token, its type ({@code Bearer} or {@code DPoP}), when it expires, and when to replace it. */
    public record Token(String value, String type, Instant expiresAt, Instant refreshAt) {
        @Override
        public String toString() {
            return "Token[" + type + ", until " + expiresAt + "]"; // never the token
        }
    }

    private final URI tokenEndpoint;
    private final String issuer;
    private final ClientProof proof;
    private final PublicJsonWebKey dpopKey;
    private final String scope;
    private final Client http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private final AtomicLong fetches = new AtomicLong();
    private volatile Token current;
    private volatile String nonce;

    private KeywardTokens(Builder b) {
        this.issuer = b.issuer.toString().replaceFirst("/+$", "");
        this.tokenEndpoint = URI.create(issuer + "/oauth/access_token");
        this.proof = Objects.requireNonNull(b.proof, "a client proof: ClientProof.secret(...) or ClientProof.privateKey(...)");
        this.dpopKey = b.dpopKey;
        this.scope = b.scope;
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : ClientBuilder.newClient();
        this.clock = b.clock;
    }

    /** Tokens from the Keyward whose issuer (its public URL, as its metadata names it) is {@code issuer}. */
    public static Builder issuer(URI issuer) {
        return new Builder(issuer);
    }

    public static final class Builder {
        private final URI issuer;
        private ClientProof proof;
        private PublicJsonWebKey dpopKey;
        private String scope;
        private Client http;
        private Clock clock = Clock.systemUTC();

        private Builder(URI issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
        }

        public Builder proof(ClientProof proof) {
            this.proof = proof;
            return this;
        }

        /** Binds the tokens to this key pair (DPoP, RFC 9449): a JWK with its private part, EC P-256, RSA or Ed25519. */
        public Builder dpop(PublicJsonWebKey keyPair) {
            this.dpopKey = keyPair;
            return this;
        }

        /** Asks for these permissions only (space-separated), rather than all the credential holds. */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /** The JAX-RS client for the token requests (by default a new one). */
        public Builder http(Client http) {
            this.http = http;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public KeywardTokens build() {
            return new KeywardTokens(this);
        }
    }

    /** A token that is good now: the kept one, or a new one. */
    public Token token() {
        Instant now = clock.instant();
        Token t = current;
        if (t != null && now.isBefore(t.refreshAt())) {
            return t;
        }
        if (t != null && now.isBefore(t.expiresAt())) {
            // stale but alive: one thread replaces it, the others go on with it meanwhile
            if (!fetching.tryLock()) {
                return t;
            }
        } else {
            fetching.lock();
        }
        try {
            t = current;
            if (t != null && clock.instant().isBefore(t.refreshAt())) {
                return t;
            }
            try {
                Token fresh = fetch();
                current = fresh;
                return fresh;
            } catch (RuntimeException unavailable) {
                // Keyward away or refusing for a moment: a token that is still alive serves until it expires
                if (t != null && clock.instant().isBefore(t.expiresAt())) {
                    return t;
                }
                throw unavailable;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** Forgets {@code accessToken} if it is the kept one: a resource server refused it (revoked, say). */
    public void invalidate(String accessToken) {
        Token t = current;
        if (t != null && t.value().equals(accessToken)) {
            fetching.lock();
            try {
                if (current == t) {
                    current = null;
                }
            } finally {
                fetching.unlock();
            }
        }
    }

    /** How many tokens were fetched so far. */
    public long fetches() {
        return fetches.get();
    }

    /** Whether the tokens are bound to a key (DPoP). */
    public boolean bound() {
        return dpopKey != null;
    }

    /** Remembers the nonce a server gave ({@code DPoP-Nonce}), for the next proofs. */
    public void nonce(String nonce) {
        if (nonce != null) {
            this.nonce = nonce;
        }
    }

    /**
     * A DPoP proof for {@code method} on {@code uri} (its query and fragment left out), with {@code accessToken}'s hash when
     * given (at a resource server), and the latest server nonce.
     */
    public String proof(String method, URI uri, String accessToken) {
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("htm", method);
        claims.setStringClaim("htu", uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        claims.setIssuedAtToNow();
        if (accessToken != null) {
            claims.setStringClaim("ath", sha256(accessToken));
        }
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", "dpop+jwt");
        jws.setAlgorithmHeaderValue(ClientProof.algorithm(dpopKey.getPrivateKey()));
        jws.setJwkHeader(dpopKey);
        jws.setKey(dpopKey.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a DPoP proof with this key", e);
        }
    }

    private Token fetch() {
        Response first = request();
        Response answer = first;
        if (first.getStatus() == 400 && dpopKey != null && first.getHeaderString("DPoP-Nonce") != null) {
            // RFC 9449 §8: the tenant asks for nonces; the next proof carries the one given
            String given = first.getHeaderString("DPoP-Nonce");
            String body = first.readEntity(String.class);
            first.close();
            if (!body.contains("use_dpop_nonce")) {
                throw refused(400, body);
            }
            nonce(given);
            answer = request();
        }
        try (Response closing = answer) {
            String body = closing.readEntity(String.class);
            if (closing.getStatus() != 200) {
                throw refused(closing.getStatus(), body);
            }
            nonce(closing.getHeaderString("DPoP-Nonce"));
            JsonObject json = read(body);
            Instant now = clock.instant();
            long lifetime = json.getJsonNumber("expires_in").longValue();
            Duration ahead = Duration.ofSeconds(Math.min(REFRESH_AHEAD.toSeconds(), lifetime / 10));
            Instant expires = now.plusSeconds(lifetime);
            fetches.incrementAndGet();
            return new Token(json.getString("access_token"), json.getString("token_type"), expires, expires.minus(ahead));
        }
    }

    private Response request() {
        Form form = new Form().param("grant_type", "client_credentials");
        if (scope != null) {
            form.param("scope", scope);
        }
        proof.addTo(form, tokenEndpoint.toString());
        Invocation.Builder request = http.target(tokenEndpoint).request(MediaType.APPLICATION_JSON_TYPE);
        if (proof.authorization() != null) {
            request.header(HttpHeaders.AUTHORIZATION, proof.authorization());
        }
        if (dpopKey != null) {
            request.header("DPoP", proof("POST", tokenEndpoint, null));
        }
        return request.post(Entity.form(form));
    }

    /** Keyward's refusal, with its OAuth error and description (which never hold the secret). */
    private KeywardException refused(int status, String body) {
        try {
            JsonObject json = read(body);
            return new KeywardException(status, json.getString("error", "?"), json.getString("error_description", ""));
        } catch (RuntimeException notJson) {
            return new KeywardException(status, "unexpected_answer", "HTTP " + status);
        }
    }

    private static JsonObject read(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** A DPoP proof's {@code ath}: the access token's SHA-256, base64url (RFC 9449 §4.2). */
    static String sha256(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the JAX-RS client it made for the token requests (not one it was given). */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "KeywardTokens[" + proof + (dpopKey != null ? ", DPoP" : "") + "]";
    }
}
