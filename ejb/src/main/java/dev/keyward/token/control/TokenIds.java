package dev.keyward.token.control;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Token IDs ({@code jti}): 128 random bits, from a generator per thread. {@code UUID.randomUUID()} would
 * serialise every token request on one shared, locked source.
 */
public final class TokenIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private TokenIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
