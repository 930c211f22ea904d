package dev.keyward.token.control;

import dev.keyward.domain.token.SigningKey;
import dev.keyward.platform.control.Gcm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * Makes and opens token-signing keys: an EC P-256 pair whose private half is sealed with AES-256-GCM under
 * the server's sealing key, bound to its key ID so that a sealed key cannot be passed off under another.
 */
public final class KeyMaterial {

    static final String ALGORITHM = "ES256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private KeyMaterial() {
    }

    /** A signing key ready to insert: published at {@code now}, signing from {@code activatesAt}. */
    public static SigningKey create(SecretKey sealingKey, Instant now, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            byte[] publicDer = pair.getPublic().getEncoded();
            String kid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicDer), 0, 8);
            return new SigningKey(kid, ALGORITHM, Base64.getEncoder().encodeToString(publicDer),
                    seal(sealingKey, kid, pair.getPrivate().getEncoded()), now, activatesAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a token signing key", e);
        }
    }

    /** The key's usable halves; the private one only if the sealing key opens it. */
    public static KeyRing.Entry open(SigningKey key, SecretKey sealingKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(unseal(sealingKey, key.kid(), key.sealedPrivate())));
            return new KeyRing.Entry(key.kid(), publicKey, privateKey, key.activatesAt(), key.supersededAt(), key.retiresAt(), jwk(key.kid(), publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open token signing key " + key.kid()
                    + ": is this server using the same keyward.keys.sealing-key as the one that created it?", e);
        }
    }

    static String seal(SecretKey sealingKey, String kid, byte[] plain) {
        return Base64.getEncoder().encodeToString(Gcm.seal(sealingKey.getEncoded(), plain, kid.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] unseal(SecretKey sealingKey, String kid, String sealed) throws GeneralSecurityException {
        byte[] plain = Gcm.open(sealingKey.getEncoded(), Base64.getDecoder().decode(sealed), 0, kid.getBytes(StandardCharsets.US_ASCII));
        if (plain == null) {
            throw new AEADBadTagException("sealed under another key, or for another key ID");
        }
        return plain;
    }

    private static Map<String, String> jwk(String kid, ECPublicKey key) {
        return Map.of("kty", "EC", "crv", "P-256", "use", "sig", "alg", ALGORITHM, "kid", kid,
                "x", coordinate(key.getW().getAffineX()), "y", coordinate(key.getW().getAffineY()));
    }

    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return B64URL.encodeToString(fixed);
    }
}
