package dev.keyward.token.control;

import dev.keyward.credential.control.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server's DPoP nonces (RFC 9449 §8, §9): a value that changes every {@value #WINDOW_SECONDS} seconds, which a proof
 * must carry when its tenant asks for nonces, so that no proof can be made long before it is used. Kept nowhere: a nonce is
 * the keyed hash of its window's number under the server's key, which every server of a cluster shares, so any server
 * accepts what another gave out. The current window's nonce and the one before it are accepted.
 */
@ApplicationScoped
public class DpopNonces {

    static final long WINDOW_SECONDS = 120;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    SecretHasher hasher;

    /** The nonce to give out now. */
    public String current(Instant now) {
        return of(window(now));
    }

    /** Whether {@code nonce} is the nonce of this window or of the one before. */
    public boolean accepts(String nonce, Instant now) {
        byte[] presented = nonce.getBytes(StandardCharsets.US_ASCII);
        long window = window(now);
        // both compared, in constant time: which one matched says nothing
        boolean current = MessageDigest.isEqual(presented, of(window).getBytes(StandardCharsets.US_ASCII));
        boolean previous = MessageDigest.isEqual(presented, of(window - 1).getBytes(StandardCharsets.US_ASCII));
        return current | previous;
    }

    private String of(long window) {
        return B64.encodeToString(Arrays.copyOf(hasher.hash("keyward dpop nonce " + window), 18));
    }

    private static long window(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS);
    }
}
