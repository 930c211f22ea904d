package dev.keyward.client;

import jakarta.ws.rs.core.Form;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * How the application proves to Keyward that it is its client: the client secret (RFC 6749 §2.3.1, sent as HTTP Basic), or
 * a private key whose public half is registered with the credential ({@code private_key_jwt}, RFC 7523: a fresh signed
 * assertion for every token request). Its {@code toString} never shows the secret or the key.
 */
public final class ClientProof {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientId;
    private final String secret;
    private final PrivateKey key;
    private final String keyId;

    private ClientProof(String clientId, String secret, PrivateKey key, String keyId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.secret = secret;
        this.key = key;
        this.keyId = keyId;
    }

    /** The credential's client ID and secret. */
    public static ClientProof secret(String clientId, String secret) {
        return new ClientProof(clientId, Objects.requireNonNull(secret, "secret"), null, null);
    }

    /** The credential's client ID and the private key of one of its registered public keys (EC P-256, RSA or Ed25519). */
    public static ClientProof privateKey(String clientId, PrivateKey key, String keyId) {
        return new ClientProof(clientId, null, Objects.requireNonNull(key, "key"), keyId);
    }

    public String clientId() {
        return clientId;
    }

    /** The {@code Authorization} header the token request carries, or null when the proof goes in the form. */
    String authorization() {
        if (secret == null) {
            return null;
        }
        String pair = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds to the token request's form what proves the client there: a fresh assertion for {@code audience}. */
    void addTo(Form form, String audience) {
        if (key == null) {
            return;
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm(key));
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        try {
            form.param("client_id", clientId).param("client_assertion_type", JWT_BEARER).param("client_assertion", jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a client assertion with this key", e);
        }
    }

    /** What a key of this kind signs with. */
    static String algorithm(PrivateKey key) {
        if (key instanceof ECPrivateKey) {
            return AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        }
        if (key instanceof RSAPrivateKey) {
            return AlgorithmIdentifiers.RSA_USING_SHA256;
        }
        return AlgorithmIdentifiers.EDDSA;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientProof[" + clientId + (secret != null ? ", secret" : ", private key " + keyId) + "]"; // never the secret or key
    }
}
