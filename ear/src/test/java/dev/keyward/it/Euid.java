package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A participant's side of the EUID endpoints, written from the operator's documentation rather than taken from
 * Keyward's code: its keys, and envelopes made and opened by hand, for every request the official SDK would never send.
 */
public final class Euid {

    public static final String BASE = Http.KEYWARD + "/euid";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Euid() {
    }

    /** A key as its 201 showed it, once: the API key and the client secret. */
    public record Key(String id, String keyId, String apiKey, String clientSecret, JsonNode body) {
        public byte[] secret() {
            return Base64.getDecoder().decode(clientSecret);
        }
    }

    /** An answer: its status, content type, body as bytes, and its other headers. */
    public record Reply(int status, String contentType, byte[] body, HttpHeaders headers) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text();
        }
    }

    /** An envelope as sent, and the nonce its answer must carry. */
    public record Envelope(byte[] bytes, byte[] nonce) {
        public String base64() {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    public static Key key(String slug, String user, String name, String environment, String... roles) {
        return key(slug, user, Http.body("name", name, "environment", environment, "permissions", List.of(roles)));
    }

    /** A key made from this body (its name, environment, roles, and perhaps the public keys that bind it). */
    public static Key key(String slug, String user, Map<String, Object> body) {
        Http.Answer a = Http.post(Paths.tenantPath(slug, "credentials"), user, body);
        assertEquals(201, a.status(), a.toString());
        JsonNode b = a.json();
        SeenSecrets.note(b.get("clientSecret").asText());
        return new Key(b.get("id").asText(), b.get("keyId").asText(), b.get("apiKey").asText(), b.get("clientSecret").asText(), b);
    }

    public static Envelope envelope(byte[] secret, Instant timestamp, String json) {
        return envelope(secret, timestamp, json, 1);
    }

    public static Envelope envelope(byte[] secret, Instant timestamp, String json, int version) {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(16 + payload.length).putLong(timestamp.toEpochMilli()).put(nonce).put(payload).array();
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, secret, random(12), plain);
        return new Envelope(ByteBuffer.allocate(1 + sealed.length).put((byte) version).put(sealed).array(), nonce);
    }

    /** What the SDK labels its base64 envelopes as. */
    public static final String SDK_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    /** A POST as the SDK sends it: base64 text labelled as a form. */
    public static Reply post(String path, String apiKey, String base64Body) {
        return send(path, apiKey, SDK_CONTENT_TYPE, base64Body.getBytes(StandardCharsets.US_ASCII));
    }

    public static Reply send(String path, String apiKey, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) {
            headers.put("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return send(path, headers, body);
    }

    /** A POST of {@code body} with these headers (an {@code Authorization} of any scheme, a {@code DPoP} proof, …). */
    public static Reply send(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An enveloped call with a fresh nonce and the time now, its 200 answer opened: {@code {"status":"success","body":...}}. */
    public static JsonNode call(String path, Key key, String json) {
        Envelope e = envelope(key.secret(), Instant.now(), json);
        Reply r = post(path, key.apiKey(), e.base64());
        assertEquals(200, r.status(), r.toString());
        return open(key.secret(), r, e.nonce());
    }

    /** Opens a 200 answer: {@code IV | GCM(timestamp | nonce | JSON) | tag}, the nonce the request's. */
    public static JsonNode open(byte[] secret, Reply r, byte[] nonce) {
        byte[] sealed = r.contentType().startsWith("application/octet-stream") ? r.body() : Base64.getDecoder().decode(r.text().strip());
        byte[] plain = gcm(Cipher.DECRYPT_MODE, secret, Arrays.copyOfRange(sealed, 0, 12), Arrays.copyOfRange(sealed, 12, sealed.length));
        assertEquals(Arrays.toString(nonce), Arrays.toString(Arrays.copyOfRange(plain, 8, 16)), "the answer carries the request's nonce");
        try {
            JsonNode json = Http.JSON.readTree(Arrays.copyOfRange(plain, 16, plain.length));
            noteTokens(json);
            return json;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether {@code secret} opens an answer at all. */
    public static boolean opens(byte[] secret, Reply r) {
        try {
            byte[] sealed = Base64.getDecoder().decode(r.text().strip());
            gcm(Cipher.DECRYPT_MODE, secret, Arrays.copyOfRange(sealed, 0, 12), Arrays.copyOfRange(sealed, 12, sealed.length));
            return true;
        } catch (AssertionError | IllegalArgumentException e) {
            return false;
        }
    }

    private static void noteTokens(JsonNode json) {
        JsonNode body = json.get("body");
        if (body != null && body.has("refresh_token")) {
            SeenSecrets.note(body.get("refresh_token").asText());
            SeenSecrets.note(body.get("advertising_token").asText());
            SeenSecrets.note(body.get("refresh_response_key").asText());
        }
    }

    static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            byte[] out = c.doFinal(input);
            if (mode == Cipher.ENCRYPT_MODE) {
                return ByteBuffer.allocate(iv.length + out.length).put(iv).put(out).array();
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new AssertionError("does not open", e);
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
