package dev.keyward.euid.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's envelope, checked against an envelope the participants' SDK made (its own test vector). */
class EuidEnvelopeTest {

    static final byte[] SDK_SECRET = Base64.getDecoder().decode("ioG3wKxAokmp+rERx6A4kM/13qhyolUXIu14WN16Spo=");
    static final byte[] SDK_ENVELOPE = Base64.getDecoder().decode(
            "Acw8ysqYieqzgA54fifdV1TB6V+da8p/AFc8Ju/IYrD77pL7JYMJj8YqD9EsrG3d2d2j0H7kZjH41YsNLpFVCH+oce28z9L9ug==");
    static final Instant SDK_TIMESTAMP = Instant.ofEpochMilli(1667885597644L);
    static final byte[] SECRET = new byte[32];
    static final byte[] OTHER = new byte[32];

    static {
        OTHER[0] = 1;
    }

    @Test
    void opensAnEnvelopeTheSdkMade() throws EnvelopeException {
        EuidEnvelope.Opened opened = EuidEnvelope.open(SDK_ENVELOPE, List.of(OTHER, SDK_SECRET), SDK_TIMESTAMP.plusSeconds(30));
        assertEquals("{\"email\":\"test@example.com\"}", new String(opened.json(), StandardCharsets.UTF_8));
        assertEquals(SDK_TIMESTAMP.toEpochMilli(), opened.timestampMillis());
        assertArrayEquals(HexFormat.of().parseHex("312fe5aa08b2a049"), opened.nonceBytes());
        assertSame(SDK_SECRET, opened.secret(), "the secret that opened it answers it");
    }

    @Test
    void answersWithTheRequestsNonce() throws EnvelopeException {
        byte[] nonce = HexFormat.of().parseHex("0102030405060708");
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        byte[] answer = EuidEnvelope.response(SECRET, now, nonce, "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"success\"}", new String(EuidEnvelope.openResponse(SECRET, answer, nonce), StandardCharsets.UTF_8));
        assertThrows(EnvelopeException.class, () -> EuidEnvelope.openResponse(SECRET, answer, new byte[8]), "another request's nonce");
    }

    @Test
    void refusesInTheOperatorsOrder() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        byte[] good = EuidEnvelope.request(SECRET, now, new byte[8], "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(message(new byte[44], now).contains("too short"));
        byte[] v2 = good.clone();
        v2[0] = 2;
        assertTrue(message(v2, now).contains("version 2"));
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        assertTrue(message(flipped, now).contains("cannot be decrypted"));
        assertTrue(message(good, now.plusSeconds(61)).contains("older"));
        assertTrue(message(good, now.minusSeconds(61)).contains("later"));
        assertTrue(message(EuidEnvelope.request(SECRET, now, new byte[8], new byte[0]), now.plusSeconds(60)).isEmpty(), "the window's edge is in");
    }

    private static String message(byte[] envelope, Instant now) {
        try {
            EuidEnvelope.open(envelope, List.of(SECRET), now);
            return "";
        } catch (EnvelopeException e) {
            assertTrue(!e.getMessage().contains(Base64.getEncoder().encodeToString(SECRET)));
            return e.getMessage();
        }
    }
}
