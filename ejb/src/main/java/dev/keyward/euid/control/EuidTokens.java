package dev.keyward.euid.control;

import dev.keyward.domain.euid.EuidEnvironment;
import dev.keyward.domain.euid.EuidIdentity;
import dev.keyward.platform.control.Gcm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EUID tokens, opaque to participants: the advertising token a publisher passes into the bid stream, and the refresh
 * token that buys the next one. Each is AES-256-GCM under a token key of its environment and day, derived from the root
 * key: the keys rotate daily by themselves, every server derives the same ones, and a token names the day of its key.
 * <pre>
 *   token   = base64url( kind(1) | environment(1) | day(4) | IV(12) | GCM(claims) | tag(16) ), the first six bytes bound as AAD
 *   advertising claims  site(4) | identity type(1) | issued ms(8) | expires ms(8) | advertising ID(32)
 *   refresh claims      site(4) | identity type(1) | issued ms(8) | identity expires ms(8) | refresh expires ms(8)
 *                       | identity hash(32) | refresh response key(32) | the issuing key's ID (UTF-8, the rest)
 * </pre>
 * A refresh token carries the identity's hash, not its advertising ID, so that a refresh after a salt rotation maps the
 * person afresh; and the key that issued it, so that a key's revocation ends the refreshes of what it generated.
 */
public final class EuidTokens {

    public static final Duration REFRESH_FROM = Duration.ofHours(1);
    public static final Duration IDENTITY_LIFETIME = Duration.ofDays(3);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    private static final byte ADVERTISING = 'A';
    private static final byte REFRESH = 'R';
    private static final int HEADER = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] root;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    public EuidTokens(byte[] root) {
        this.root = root.clone();
    }

    /** What an advertising token says. */
    public record Advertising(int siteId, EuidIdentity.Type type, Instant issued, Instant expires, byte[] advertisingId) {
    }

    /** What a refresh token says. */
    public record Refresh(String environment, int siteId, EuidIdentity.Type type, Instant issued, Instant identityExpires,
                          Instant refreshExpires, byte[] identityHash, byte[] refreshResponseKey, String keyId) {
        @Override
        public String toString() {
            return "Refresh[" + environment + ", site " + siteId + "]";
        }
    }

    public String advertisingToken(String environment, int siteId, EuidIdentity.Type type, byte[] advertisingId, Instant now) {
        ByteBuffer claims = ByteBuffer.allocate(4 + 1 + 8 + 8 + 32).putInt(siteId).put((byte) type.ordinal())
                .putLong(now.toEpochMilli()).putLong(now.plus(IDENTITY_LIFETIME).toEpochMilli()).put(advertisingId);
        return seal(ADVERTISING, environment, now, claims.array());
    }

    public String refreshToken(String environment, int siteId, String keyId, EuidIdentity identity, byte[] refreshResponseKey, Instant now) {
        byte[] key = keyId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer claims = ByteBuffer.allocate(4 + 1 + 8 + 8 + 8 + 32 + 32 + key.length).putInt(siteId).put((byte) identity.type().ordinal())
                .putLong(now.toEpochMilli()).putLong(now.plus(IDENTITY_LIFETIME).toEpochMilli())
                .putLong(now.plus(REFRESH_LIFETIME).toEpochMilli()).put(identity.hash()).put(refreshResponseKey).put(key);
        return seal(REFRESH, environment, now, claims.array());
    }

    /** A fresh refresh response key: 32 random bytes. */
    public static byte[] newRefreshResponseKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** An advertising token of {@code environment}, when it is one and was not forged; expiry is the caller's to judge. */
    public Optional<Advertising> openAdvertising(String token, String environment) {
        return open(token, ADVERTISING, environment).map(b -> new Advertising(b.getInt(), type(b.get()),
                Instant.ofEpochMilli(b.getLong()), Instant.ofEpochMilli(b.getLong()), bytes(b, 32)));
    }

    /** A refresh token of whichever environment it names, when it is one and was not forged. */
    public Optional<Refresh> openRefresh(String token) {
        byte[] raw = decode(token);
        if (raw == null || raw.length < HEADER) {
            return Optional.empty();
        }
        String environment = environmentOf(raw[1]);
        return environment == null ? Optional.empty() : open(token, REFRESH, environment).map(b -> new Refresh(environment, b.getInt(),
                type(b.get()), Instant.ofEpochMilli(b.getLong()), Instant.ofEpochMilli(b.getLong()), Instant.ofEpochMilli(b.getLong()),
                bytes(b, 32), bytes(b, 32), new String(bytes(b, b.remaining()), StandardCharsets.UTF_8)));
    }

    private String seal(byte kind, String environment, Instant now, byte[] claims) {
        int day = (int) Math.floorDiv(now.getEpochSecond(), 86_400L);
        byte[] header = ByteBuffer.allocate(HEADER).put(kind).put(environmentByte(environment)).putInt(day).array();
        byte[] sealed = Gcm.seal(key(environment, day), claims, header);
        return B64URL.encodeToString(ByteBuffer.allocate(HEADER + sealed.length).put(header).put(sealed).array());
    }

    private Optional<ByteBuffer> open(String token, byte kind, String environment) {
        byte[] raw = decode(token);
        if (raw == null || raw.length < HEADER || raw[0] != kind || raw[1] != environmentByte(environment)) {
            return Optional.empty();
        }
        int day = ByteBuffer.wrap(raw, 2, 4).getInt();
        return Optional.ofNullable(Gcm.open(key(environment, day), raw, HEADER, Arrays.copyOf(raw, HEADER))).map(ByteBuffer::wrap);
    }

    private byte[] key(String environment, int day) {
        if (keys.size() > 1_000) {
            keys.clear();
        }
        return keys.computeIfAbsent(environment + " " + day, k -> Derivation.derive(root, "euid token " + k));
    }

    private static byte[] decode(String token) {
        if (token == null || token.length() > 1_000) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static byte environmentByte(String environment) {
        return (byte) EuidEnvironment.of(environment).letter();
    }

    private static String environmentOf(byte b) {
        return EuidEnvironment.ofLetter(b).map(EuidEnvironment::slug).orElse(null);
    }

    private static EuidIdentity.Type type(byte b) {
        EuidIdentity.Type[] types = EuidIdentity.Type.values();
        return b >= 0 && b < types.length ? types[b] : EuidIdentity.Type.EMAIL;
    }

    private static byte[] bytes(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
