package dev.keyward.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP, as an authenticator app computes it (HMAC-SHA1, 6 digits, 30 s), over Keycloak's raw
 * secret (the characters of the secret, as Keycloak keys its HMAC with them).
 */
public final class Totp {

    private Totp() {
    }

    public static String now(String secret) {
        return at(secret, System.currentTimeMillis() / 1000 / 30);
    }

    /** The next period's code, which Keycloak also accepts (its look-around window), for a second login within one period. */
    public static String next(String secret) {
        return ahead(secret, 1);
    }

    /** The code of the period {@code periods} away from this one (Keycloak accepts -1, 0 and 1). */
    public static String ahead(String secret, int periods) {
        return at(secret, System.currentTimeMillis() / 1000 / 30 + periods);
    }

    static String at(String secret, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
