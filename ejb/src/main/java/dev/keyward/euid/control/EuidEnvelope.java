package dev.keyward.euid.control;

import dev.keyward.platform.control.Gcm;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The EUID operator's envelope, under a key's client secret (AES-256-GCM, no associated data).
 * <pre>
 *   request   0x01 | IV(12) | GCM( int64 big-endian ms timestamp | nonce(8) | JSON ) | tag(16)
 *   response         IV(12) | GCM( int64 big-endian ms timestamp | the request's nonce(8) | JSON ) | tag(16)
 *   refresh          IV(12) | GCM( JSON ) | tag(16)             under the identity's refresh_response_key
 * </pre>
 * Opening checks, in the operator's order: long enough, version 1, decrypts, timestamp within the window.
 */
public final class EuidEnvelope {

    public static final int VERSION = 1;
    static final int NONCE = 8;
    /** Version, IV, timestamp, nonce and tag: an envelope around nothing at all. */
    public static final int MIN_LENGTH = 1 + Gcm.IV + 8 + NONCE + Gcm.TAG;
    public static final Duration WINDOW = Duration.ofSeconds(60);

    private EuidEnvelope() {
    }

    /** An opened request: when it says it was made, its nonce, its JSON, and which of the secrets opened it. */
    public record Opened(long timestampMillis, byte[] nonceBytes, byte[] json, byte[] secret) {

        /** The nonce as a number, for remembering it. */
        public long nonce() {
            return ByteBuffer.wrap(nonceBytes).getLong();
        }

        @Override
        public String toString() {
            return "Opened[" + timestampMillis + "]";
        }
    }

    /** Opens a request envelope with the first of {@code secrets} that decrypts it. */
    public static Opened open(byte[] envelope, List<byte[]> secrets, Instant now) throws EnvelopeException {
        if (envelope.length < MIN_LENGTH) {
            throw new EnvelopeException("Request body is too short to be an envelope (" + envelope.length + " bytes, at least " + MIN_LENGTH + ").");
        }
        if (envelope[0] != VERSION) {
            throw new EnvelopeException("Envelope version " + (envelope[0] & 0xff) + " is not supported; the version is 1.");
        }
        byte[] plain = null;
        byte[] opener = null;
        for (byte[] secret : secrets) {
            plain = decrypt(secret, envelope, 1);
            if (plain != null) {
                opener = secret;
                break;
            }
        }
        if (plain == null) {
            throw new EnvelopeException("Request cannot be decrypted with this key's client secret.");
        }
        long timestamp = ByteBuffer.wrap(plain).getLong();
        long skew = Math.abs(now.toEpochMilli() - timestamp);
        if (skew > WINDOW.toMillis()) {
            throw new EnvelopeException("Request timestamp is " + (timestamp < now.toEpochMilli() ? "older" : "later")
                    + " than the " + WINDOW.toSeconds() + " s the server accepts; check the client's clock.");
        }
        return new Opened(timestamp, Arrays.copyOfRange(plain, 8, 16), Arrays.copyOfRange(plain, 16, plain.length), opener);
    }

    /** A request envelope, as a participant's SDK makes it: for tests and tools. */
    public static byte[] request(byte[] secret, Instant timestamp, byte[] nonce, byte[] json) {
        byte[] sealed = encrypt(secret, ByteBuffer.allocate(8 + NONCE + json.length).putLong(timestamp.toEpochMilli()).put(nonce).put(json).array());
        return ByteBuffer.allocate(1 + sealed.length).put((byte) VERSION).put(sealed).array();
    }

    /** A response envelope: the request's nonce, so that the participant can tell it answers its own request. */
    public static byte[] response(byte[] secret, Instant now, byte[] nonce, byte[] json) {
        return encrypt(secret, ByteBuffer.allocate(8 + NONCE + json.length).putLong(now.toEpochMilli()).put(nonce).put(json).array());
    }

    /** A token refresh's answer: the JSON alone, under the refresh response key. */
    public static byte[] refreshResponse(byte[] refreshResponseKey, byte[] json) {
        return encrypt(refreshResponseKey, json);
    }

    /** Opens a response envelope, checking that it answers {@code nonce}: what a participant does, for tests. */
    public static byte[] openResponse(byte[] secret, byte[] envelope, byte[] nonce) throws EnvelopeException {
        byte[] plain = decrypt(secret, envelope, 0);
        if (plain == null || plain.length < 16 || !Arrays.equals(Arrays.copyOfRange(plain, 8, 16), nonce)) {
            throw new EnvelopeException("Response does not open, or answers another request.");
        }
        return Arrays.copyOfRange(plain, 16, plain.length);
    }

    /** {@code IV | ciphertext | tag} under {@code key}, no associated data (the operator's envelope has none). */
    public static byte[] encrypt(byte[] key, byte[] plain) {
        return Gcm.seal(key, plain, null);
    }

    /** The plaintext of {@code IV | ciphertext | tag} starting at {@code offset}, or null when {@code key} does not open it. */
    public static byte[] decrypt(byte[] key, byte[] sealed, int offset) {
        return Gcm.open(key, sealed, offset, null);
    }
}
