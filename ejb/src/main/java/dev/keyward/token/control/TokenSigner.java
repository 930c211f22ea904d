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
import java.util.Optional;

/**
 * Signs and verifies tokens as compact JWS with ES256 (RFC 7515, RFC 7518 §3.4), and publishes the public
 * key as a JWK. Signatures come from {@link Signatures}: the fastest provider that works here.
 */
@ApplicationScoped
public class TokenSigner {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    ServerKeys keys;

    /** RFC 9068's type for access tokens. */
    public static final String ACCESS_TOKEN = "at+jwt";
    /** Customer tokens are signed by the same key but can never pass for access tokens, nor the reverse. */
    public static final String CUSTOMER_TOKEN = "customer+jwt";

    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private JsonProvider json;
    private final Map<String, String> encodedHeaders = new java.util.HashMap<>();
    /** One signer per thread, bound to the key once: after each signature it is ready for the next. */
    private ThreadLocal<Signature> signers;

    @PostConstruct
    void init() {
        json = JsonProvider.provider();
        signers = ThreadLocal.withInitial(() -> {
            try {
                return Signatures.signer(keys.signingPrivateKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot use the token signing key", e);
            }
        });
        for (String typ : new String[]{ACCESS_TOKEN, CUSTOMER_TOKEN}) {
            JsonObject header = json.createObjectBuilder().add("alg", "ES256").add("typ", typ).add("kid", keys.signingKeyId()).build();
            encodedHeaders.put(typ, B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    public JsonProvider json() {
        return json;
    }

    public String sign(JsonObject claims) {
        return sign(claims, ACCESS_TOKEN);
    }

    public String sign(JsonObject claims, String typ) {
        String signingInput = encodedHeaders.get(typ) + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = signers.get();
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /**
     * The claims of a token of type {@code typ} that our key signed, or empty for anything else: another
     * type, another key, a broken or tampered token.
     */
    public Optional<JsonObject> verify(String jws, String typ) {
        int first = jws.indexOf('.');
        int second = jws.indexOf('.', first + 1);
        if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            JsonObject header = parse(jws.substring(0, first));
            if (!"ES256".equals(header.getString("alg", null)) || !typ.equals(header.getString("typ", null))
                    || !keys.signingKeyId().equals(header.getString("kid", null))) {
                return Optional.empty();
            }
            Signature verifier = Signatures.verifier(keys.signingPublicKey());
            verifier.update(jws.substring(0, second).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64_DECODER.decode(jws.substring(second + 1)))) {
                return Optional.empty();
            }
            return Optional.of(parse(jws.substring(first + 1, second)));
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private JsonObject parse(String part) {
        try (var reader = json.createReader(new java.io.StringReader(new String(B64_DECODER.decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
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
