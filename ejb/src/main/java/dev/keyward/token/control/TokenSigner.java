package dev.keyward.token.control;

import dev.keyward.platform.control.ServerKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * Signs access tokens as compact JWS with ES256 (RFC 7515, RFC 7518 §3.4) and publishes the public key as
 * a JWK. The JDK's P1363 signature format is the JOSE one (r and s, 32 bytes each), so no DER conversion.
 */
@ApplicationScoped
public class TokenSigner {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    ServerKeys keys;

    private JsonProvider json;
    private String encodedHeader;

    @PostConstruct
    void init() {
        json = JsonProvider.provider();
        JsonObject header = json.createObjectBuilder()
                .add("alg", "ES256").add("typ", "at+jwt").add("kid", keys.signingKeyId()).build();
        encodedHeader = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8));
    }

    public JsonProvider json() {
        return json;
    }

    public String sign(JsonObject claims) {
        String signingInput = encodedHeader + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.signingPrivateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** The public signing key as a JWK (RFC 7517), for the JWKS document. */
    public Map<String, String> publicJwk() {
        ECPublicKey key = keys.signingPublicKey();
        return Map.of("kty", "EC", "crv", "P-256", "use", "sig", "alg", "ES256", "kid", keys.signingKeyId(),
                "x", coordinate(key.getW().getAffineX()), "y", coordinate(key.getW().getAffineY()));
    }

    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return B64.encodeToString(fixed);
    }

}
