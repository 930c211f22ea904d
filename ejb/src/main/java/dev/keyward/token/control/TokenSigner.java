package dev.keyward.token.control;

import dev.keyward.platform.control.Signer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies tokens as compact JWS with ES256 (RFC 7515, RFC 7518 §3.4), with the key the
 * {@link KeyRing} says signs now, and publishes the public keys as JWKs. Signatures come from
 * {@link Signatures}: the fastest provider that works here.
 */
@ApplicationScoped
public class TokenSigner implements Signer {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    KeyRing keys;

    @Inject
    Clock clock;

    /** RFC 9068's type for access tokens. */
    public static final String ACCESS_TOKEN = "at+jwt";
    /** Customer tokens are signed by the same key but can never pass for access tokens, nor the reverse. */
    public static final String CUSTOMER_TOKEN = "customer+jwt";

    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private JsonProvider json;
    /** The encoded JOSE header for each key ID and token type. */
    private final Map<String, String> encodedHeaders = new ConcurrentHashMap<>();
    /** One signer per thread, bound to a key once: after each signature it is ready for the next. */
    private final ThreadLocal<BoundSigner> signers = new ThreadLocal<>();

    private record BoundSigner(String kid, Signature signature) {
    }

    @PostConstruct
    void init() {
        json = JsonProvider.provider();
    }

    public JsonProvider json() {
        return json;
    }

    public String sign(JsonObject claims) {
        return sign(claims, ACCESS_TOKEN);
    }

    @Override
    public String sign(JsonObject claims, String typ) {
        KeyRing.Entry key = keys.signing(clock.instant());
        String signingInput = header(key.kid(), typ) + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = signerFor(key);
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
            if (!"ES256".equals(header.getString("alg", null)) || !typ.equals(header.getString("typ", null))) {
                return Optional.empty();
            }
            KeyRing.Entry key = keys.verifying(header.getString("kid", ""), clock.instant()).orElse(null);
            if (key == null) {
                return Optional.empty();
            }
            Signature verifier = Signatures.verifier(key.publicKey());
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
        try (var reader = json.createReader(new StringReader(new String(B64_DECODER.decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    /** The public keys as JWKs (RFC 7517), for the JWKS document: the next key, the current one and those retiring. */
    public List<Map<String, String>> publicJwks() {
        return keys.published(clock.instant());
    }

    private String header(String kid, String typ) {
        return encodedHeaders.computeIfAbsent(kid + " " + typ, k -> B64.encodeToString(json.createObjectBuilder()
                .add("alg", "ES256").add("typ", typ).add("kid", kid).build().toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Signature signerFor(KeyRing.Entry key) throws GeneralSecurityException {
        BoundSigner bound = signers.get();
        if (bound == null || !bound.kid().equals(key.kid())) {
            bound = new BoundSigner(key.kid(), Signatures.signer(key.privateKey()));
            signers.set(bound);
        }
        return bound.signature();
    }
}
