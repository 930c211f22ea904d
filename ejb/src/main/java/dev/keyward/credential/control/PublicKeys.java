package dev.keyward.credential.control;

import dev.keyward.domain.shared.DomainException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The public keys a credential without a secret proves itself with (RFC 7523's {@code private_key_jwt}), as its holder
 * registers them: a JWK set of one key, or two while rolling over to a new one. Keyward verifies ES256 (P-256), RS256 and
 * PS256 (RSA of at least 2048 bits) and EdDSA (Ed25519); a key without a {@code kid} gets its RFC 7638 thumbprint.
 */
public final class PublicKeys {

    /** One key, and a second while its holder rolls over to a new one. */
    public static final int MAX_KEYS = 2;
    /** The signature algorithms a client assertion may use. */
    public static final List<String> ALGORITHMS = List.of("ES256", "RS256", "PS256", "EdDSA");
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    static final int MAX_KID_LENGTH = 128;

    private PublicKeys() {
    }

    /**
     * Checks the keys a person registers ({@code keys}: each key's JWK members) and returns the JWK set to store, as JSON:
     * public members only. Anything else is a 400 {@code invalid-jwks} that names the key and what is wrong with it.
     */
    public static String checked(List<Map<String, String>> keys) {
        if (keys == null || keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw invalid("jwks.keys holds one public key, or two while rolling over to a new one.");
        }
        List<JsonWebKey> checked = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            PublicJsonWebKey key = key(keys.get(i), "jwks.keys[" + i + "]");
            if (!ids.add(key.getKeyId())) {
                throw invalid("jwks.keys[" + i + "]: kid '" + key.getKeyId() + "' is already the kid of another key.");
            }
            checked.add(key);
        }
        return new JsonWebKeySet(checked).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The keys of a stored set, in its order. */
    public static List<JsonWebKey> parse(String jwks) {
        try {
            return List.copyOf(new JsonWebKeySet(jwks).getJsonWebKeys());
        } catch (JoseException e) {
            throw new IllegalStateException("a stored JWK set does not parse", e);
        }
    }

    /** The RFC 7638 SHA-256 thumbprints of a stored set's keys: what a DPoP proof's key is compared with ({@code jkt}). */
    public static Set<String> thumbprints(String jwks) {
        Set<String> thumbprints = new HashSet<>();
        for (JsonWebKey key : parse(jwks)) {
            thumbprints.add(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
        return Set.copyOf(thumbprints);
    }

    /** The key IDs of a stored set, in its order. */
    public static List<String> keyIds(String jwks) {
        return parse(jwks).stream().map(JsonWebKey::getKeyId).toList();
    }

    /**
     * Whether {@code key} is one Keyward accepts (as registered keys are checked: P-256 on its curve, RSA of 2048 to 8192 bits,
     * Ed25519) and {@code alg} is what it signs with: for keys that come with what they sign (a DPoP proof's {@code jwk}).
     */
    public static boolean signsWith(PublicJsonWebKey key, String alg) {
        if (key.getPrivateKey() != null) {
            return false;
        }
        try {
            String own = algorithmOf(key, "jwk");
            return own.equals(alg) || "RS256".equals(own) && "PS256".equals(alg);
        } catch (DomainException notAccepted) {
            return false;
        }
    }

    private static PublicJsonWebKey key(Map<String, String> members, String field) {
        JsonWebKey parsed;
        try {
            parsed = JsonWebKey.Factory.newJwk(new LinkedHashMap<String, Object>(members));
        } catch (JoseException | RuntimeException unreadable) {
            // the JDK's key factories say "not a key" with plain runtime exceptions (coordinates too long, say)
            throw invalid(field + ": not a public key Keyward reads (kty EC with crv P-256, RSA, or OKP with crv Ed25519,"
                    + " and their members x, y, n, e as base64url).");
        }
        if (!(parsed instanceof PublicJsonWebKey key)) {
            throw invalid(field + ": a public key of kty EC, RSA or OKP, not '" + parsed.getKeyType() + "'.");
        }
        if (key.getPrivateKey() != null) {
            throw invalid(field + ": holds a private key. Register only the public key; the private one never leaves its holder.");
        }
        String alg = algorithmOf(key, field);
        if (key.getAlgorithm() != null && !(key.getAlgorithm().equals(alg) || "RS256".equals(alg) && "PS256".equals(key.getAlgorithm()))) {
            throw invalid(field + ": alg '" + key.getAlgorithm() + "' does not fit this key; it signs with " + alg
                    + ("RS256".equals(alg) ? " or PS256." : "."));
        }
        if (key.getUse() != null && !"sig".equals(key.getUse())) {
            throw invalid(field + ": use is 'sig' (the key signs client assertions), not '" + key.getUse() + "'.");
        }
        if (key.getKeyId() != null && (key.getKeyId().isBlank() || key.getKeyId().length() > MAX_KID_LENGTH)) {
            throw invalid(field + ": kid is 1 to " + MAX_KID_LENGTH + " characters.");
        }
        if (key.getKeyId() == null) {
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
        return key;
    }

    /** What a key of this kind signs with: ES256 on P-256, RS256 (or PS256) with RSA of 2048 bits or more, EdDSA on Ed25519. */
    private static String algorithmOf(PublicJsonWebKey key, String field) {
        if (key instanceof EllipticCurveJsonWebKey ec) {
            if (!EllipticCurves.P_256.equals(ec.getCurveName())) {
                throw invalid(field + ": an EC key must be on P-256 (ES256), not " + ec.getCurveName() + ".");
            }
            if (!onCurve(ec.getECPublicKey())) {
                throw invalid(field + ": x and y are not a point of P-256.");
            }
            return "ES256";
        }
        if (key instanceof RsaJsonWebKey rsa) {
            int bits = ((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw invalid(field + ": an RSA key has " + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits.");
            }
            return "RS256";
        }
        if (key instanceof OctetKeyPairJsonWebKey okp && OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())) {
            return "EdDSA";
        }
        throw invalid(field + ": an OKP key must be Ed25519 (EdDSA).");
    }

    /** Whether the key's point lies on its curve: y² = x³ + ax + b (mod p). */
    private static boolean onCurve(ECPublicKey key) {
        EllipticCurve curve = key.getParams().getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static DomainException invalid(String detail) {
        return DomainException.invalid("invalid-jwks", detail);
    }
}
