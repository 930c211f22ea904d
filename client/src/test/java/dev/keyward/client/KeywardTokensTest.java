package dev.keyward.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token source against a token endpoint in the test that counts its calls and answers slowly, as a busy one would: one
 * fetch for many threads, a new token only when the old one is nearly spent or refused, DPoP proofs and nonces followed.
 */
class KeywardTokensTest {

    HttpServer server;
    final AtomicInteger calls = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> proofs = new CopyOnWriteArrayList<>();
    volatile boolean wantNonce;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void tokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/access_token", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String proof = exchange.getRequestHeaders().getFirst("DPoP");
            if (proof != null) {
                proofs.add(proof);
            }
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            int status = 200;
            if (wantNonce && (proof == null || !proof.contains(".")) || wantNonce && !claimsOf(proof).contains("\"nonce\":\"n-1\"")) {
                status = 400;
                exchange.getResponseHeaders().add("DPoP-Nonce", "n-1");
                body = "{\"error\":\"use_dpop_nonce\",\"error_description\":\"needs a nonce\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                int n = calls.incrementAndGet();
                sleep(200);
                body = ("{\"access_token\":\"token-" + n + "\",\"token_type\":\"" + (proof == null ? "Bearer" : "DPoP")
                        + "\",\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static String claimsOf(String jws) {
        return new String(java.util.Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    KeywardTokens tokens(ClientProof proof) {
        return KeywardTokens.issuer(issuer()).proof(proof).clock(clock).build();
    }

    @Test
    void manyThreadsAtOnceCauseOneTokenRequest() throws Exception {
        KeywardTokens tokens = tokens(ClientProof.secret("kwc_client", "kws_secret"));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> got = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            got.add(pool.submit(() -> {
                start.await();
                return tokens.token().value();
            }));
        }
        start.countDown();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> f : got) {
            seen.add(f.get());
        }
        pool.shutdown();
        assertEquals(Set.of("token-1"), seen);
        assertEquals(1, calls.get());
        assertEquals(1, tokens.fetches());
        assertTrue(authorizations.get(0).startsWith("Basic "), "the secret as HTTP Basic");
    }

    @Test
    void aTokenIsReplacedShortlyBeforeItExpiresAndWhenARefusalInvalidatesIt() {
        KeywardTokens tokens = tokens(ClientProof.secret("kwc_client", "kws_secret"));
        assertEquals("token-1", tokens.token().value());
        clock.advance(Duration.ofSeconds(3569));
        assertEquals("token-1", tokens.token().value(), "31 s before expiry: still kept");
        clock.advance(Duration.ofSeconds(2));
        assertEquals("token-2", tokens.token().value(), "29 s before: replaced");
        tokens.invalidate("token-1");
        assertEquals("token-2", tokens.token().value(), "an old token's refusal forgets nothing");
        tokens.invalidate("token-2");
        assertEquals("token-3", tokens.token().value());
        assertEquals(3, tokens.fetches());
    }

    @Test
    void privateKeyJwtAndDpopWithTheServersNonce() throws Exception {
        PublicJsonWebKey signing = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        PublicJsonWebKey dpop = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        wantNonce = true;
        KeywardTokens tokens = KeywardTokens.issuer(issuer()).proof(ClientProof.privateKey("kwc_client", signing.getPrivateKey(), "k1"))
                .dpop(dpop).clock(clock).build();
        KeywardTokens.Token token = tokens.token();
        assertEquals("DPoP", token.type());
        assertEquals(2, proofs.size(), "the first proof was refused for want of a nonce, the second carried it");
        assertFalse(claimsOf(proofs.get(0)).contains("nonce"));
        assertTrue(claimsOf(proofs.get(1)).contains("\"nonce\":\"n-1\""));
        JsonWebSignature proof = new JsonWebSignature();
        proof.setCompactSerialization(proofs.get(1));
        proof.setKey(proof.getJwkHeader().getKey());
        assertTrue(proof.verifySignature(), "signed by the key in its header");
        assertEquals("dpop+jwt", proof.getHeader("typ"));
        assertEquals(dpop.calculateBase64urlEncodedThumbprint("SHA-256"), proof.getJwkHeader().calculateBase64urlEncodedThumbprint("SHA-256"));
        assertTrue(claimsOf(proofs.get(1)).contains("\"htu\":\"" + issuer() + "/oauth/access_token\""));
        assertEquals("null", authorizations.get(0), "no secret: the assertion is in the form");

        String atResource = tokens.proof("GET", URI.create("https://api.example/v2/products?page=2#x"), token.value());
        assertTrue(claimsOf(atResource).contains("\"htu\":\"https://api.example/v2/products\""), claimsOf(atResource));
        assertTrue(claimsOf(atResource).contains("\"ath\":\"" + KeywardTokens.sha256(token.value()) + "\""));
        assertNotEquals(claimsOf(tokens.proof("GET", URI.create("https://api.example/x"), token.value())),
                claimsOf(tokens.proof("GET", URI.create("https://api.example/x"), token.value())), "a new jti each time");
    }

    @Test
    void whileKeywardIsAwayATokenThatIsStillAliveServesUntilItExpires() {
        KeywardTokens tokens = tokens(ClientProof.secret("kwc_client", "kws_secret"));
        assertEquals("token-1", tokens.token().value());
        server.stop(0);
        clock.advance(Duration.ofSeconds(3580));
        assertEquals("token-1", tokens.token().value(), "stale, Keyward unreachable, still alive: kept");
        clock.advance(Duration.ofSeconds(20));
        assertThrows(RuntimeException.class, tokens::token, "expired, and no new one to be had");
    }

    @Test
    void aRefusalSaysWhatKeywardSaidAndNothingShowsTheSecret() {
        server.removeContext("/oauth/access_token");
        server.createContext("/oauth/access_token", exchange -> {
            byte[] body = "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        KeywardTokens tokens = tokens(ClientProof.secret("kwc_client", "kws_very-secret"));
        KeywardException refused = assertThrows(KeywardException.class, tokens::token);
        assertEquals(401, refused.status());
        assertEquals("invalid_client", refused.error());
        assertFalse(refused.getMessage().contains("kws_very-secret"));
        assertFalse(tokens.toString().contains("kws_very-secret"), tokens.toString());
        assertFalse(ClientProof.secret("kwc_client", "kws_very-secret").toString().contains("kws_very-secret"));
    }
}
