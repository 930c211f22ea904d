package dev.keyward.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** DPoP proofs (RFC 9449) made with jose4j, as a client library makes them, for the tests to send right and wrong; public JWKs to register. */
public final class Dpop {

    private Dpop() {
    }

    /** A proof as RFC 9449 §4.2 wants it, for {@code method} on {@code url} (and {@code accessToken}, if any); {@code change} may spoil it. */
    public static String proof(PublicJsonWebKey key, String method, String url, String accessToken, Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setGeneratedJwtId();
        claims.setStringClaim("htm", method);
        claims.setStringClaim("htu", url);
        claims.setIssuedAtToNow();
        if (accessToken != null) {
            claims.setStringClaim("ath", ath(accessToken));
        }
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "dpop+jwt");
        jws.setJwkHeader(key);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    /** A key's public members, as a JWK set's {@code keys} entry in a request body. */
    public static Map<String, Object> publicJwk(PublicJsonWebKey key) {
        return new HashMap<>(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    public static String ath(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
