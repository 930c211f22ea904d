package dev.keyward.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyward.it.Eventually;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks against a real HTTP receiver in the test: deliveries signed as documented, in the order of the changes,
 * retried after a failure, logged, never holding up the change, and stopped by deleting the endpoint.
 */
class WebhooksIT {

    /** What the receiver got: its path, headers and body. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    static HttpServer receiver;
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

    @BeforeAll
    static void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            RECEIVED.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
            int status = 200;
            if (path.startsWith("/flaky") && FLAKY_CALLS.incrementAndGet() == 1) {
                status = 500;
            }
            if (path.startsWith("/slow")) {
                sleep(4000);
            }
            answer(exchange, status);
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void credentialEventsArriveSignedInOrderAndTheLogShowsThem() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "bob", body("url", url("/nope"))), 403, "policy-refused");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", "http://example.test/hook")), 400, "invalid-webhook-url");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", "ftp://example.test/hook")), 400, "invalid-webhook-url");
        // nothing inside Keyward's own network: cloud metadata, private and unique-local addresses, written any way
        for (String inside : List.of("https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook", "https://[fd00::1]/hook",
                "https://[::ffff:192.168.1.1]/hook", "https://167772161/hook")) {
            assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", inside)), 400, "invalid-webhook-url");
        }
        assertEquals(0, Http.get(tenantPath(store, "webhooks"), "alice").json().size(), "none of them was made");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", url("/x"), "events", List.of("credential.eaten"))),
                400, "unknown-event-type");

        String path = "/ordered-" + store;
        Answer made = Http.post(tenantPath(store, "webhooks"), "alice", body("url", url(path), "description", "our SIEM"));
        assertEquals(201, made.status(), made.toString());
        String secret = made.json().get("secret").asText();
        String id = made.json().get("id").asText();
        assertTrue(secret.matches("kwh_[0-9A-Za-z]{49}"), "a prefix, 256 bits and a checksum");
        assertEquals("no-store", made.header("Cache-Control"));
        assertEquals(9, made.json().get("events").size(), "every credential event by default");
        JsonNode listed = Http.get(tenantPath(store, "webhooks"), "alice").json();
        assertEquals(1, listed.size());
        assertFalse(listed.toString().contains(secret), "listed without its secret");
        assertEquals("webhook.created", auditTypes(store, "alice", "?limit=1").get(0));

        Issued bobs = credential(store, "bob", body("name", "hooked"));
        assertEquals(200, Http.post(tenantPath(store, "credentials", bobs.id(), "rotate"), "bob", body("graceSeconds", 0)).status());
        assertEquals(204, Http.delete(tenantPath(store, "credentials", bobs.id()), "alice").status());

        List<Received> got = Eventually.eventually(Duration.ofSeconds(20), () -> receivedAt(path), r -> r.size() >= 3, "three deliveries");
        assertEquals(List.of("credential.created", "credential.rotated", "credential.revoked"),
                got.stream().map(r -> r.header("Keyward-Event-Type")).toList());
        for (Received r : got) {
            String signature = r.header("Keyward-Signature");
            String t = signature.replaceFirst("^t=(\\d+),v1=[0-9a-f]{64}$", "$1");
            assertEquals(hmac(secret, t + "." + r.body()), signature.substring(signature.indexOf("v1=") + 3), "signed as documented");
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) < 300, "a fresh timestamp");
            JsonNode event = Http.JSON.readTree(r.body());
            assertEquals(r.header("Keyward-Event-Id"), event.get("id").asText());
            assertEquals(store, event.get("tenant").asText());
            assertEquals(bobs.id(), event.get("target").get("id").asText());
            assertFalse(r.body().contains(bobs.secret()), "never a secret");
        }
        assertEquals("alice", Http.JSON.readTree(got.get(2).body()).get("actor").get("username").asText());

        JsonNode log = Http.get(tenantPath(store, "webhooks", id, "deliveries"), "alice").json();
        assertEquals(3, log.size());
        assertEquals("delivered", log.get(0).get("status").asText());
        assertEquals(200, log.get(0).get("lastStatus").asInt());
        assertEquals(404, Http.get(tenantPath(tenant("elastic-path", "alice", "admin"), "webhooks", id, "deliveries"), "alice").status(),
                "another tenant's endpoint does not exist there");

        assertEquals(204, Http.delete(tenantPath(store, "webhooks", id), "alice").status());
        assertEquals("webhook.deleted", auditTypes(store, "alice", "?limit=1").get(0));
        credential(store, "alice", body("name", "after the endpoint went"));
        Thread.sleep(2000);
        assertEquals(3, receivedAt(path).size(), "a deleted endpoint gets nothing more");
    }

    @Test
    void aFailedDeliveryIsTriedAgainAndASlowEndpointNeverHoldsUpTheChange() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        String flaky = "/flaky-" + store;
        String flakyId = Http.post(tenantPath(store, "webhooks"), "alice", body("url", url(flaky), "events", List.of("credential.disabled")))
                .json().get("id").asText();
        Http.post(tenantPath(store, "webhooks"), "alice", body("url", url("/slow-" + store), "events", List.of("credential.created")));

        long started = System.nanoTime();
        Issued bobs = credential(store, "bob", body("name", "slowly told"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000, "the change did not wait for the 4 s endpoint");
        assertEquals(200, Http.post(tenantPath(store, "credentials", bobs.id(), "disable"), "bob", "").status());

        JsonNode log = Eventually.eventually(Duration.ofSeconds(30), () -> Http.get(tenantPath(store, "webhooks", flakyId, "deliveries"), "alice").json(),
                l -> l.size() == 1 && "delivered".equals(l.get(0).get("status").asText()), "the disable delivered after a retry");
        assertEquals(2, log.get(0).get("attempts").asInt(), "answered 500 once, then 200");
        assertEquals(2, receivedAt(flaky).size());
        assertEquals(receivedAt(flaky).get(0).body(), receivedAt(flaky).get(1).body(), "the same bytes each time");
        assertEquals("credential.disabled", receivedAt(flaky).get(0).header("Keyward-Event-Type"), "only what it asked for");
    }

    private static List<Received> receivedAt(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEventReceiverGetsSecurityEventTokensSignedByKeywardsKeyWhenCredentialsAndTokensDie() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", url("/x"), "format", "xml")), 400, "unknown-webhook-format");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("url", url("/x"), "format", "set",
                "events", List.of("credential.expiring"))), 400, "unknown-event-type");
        String path = "/events-" + store;
        Answer made = Http.post(tenantPath(store, "webhooks"), "alice", body("url", url(path), "format", "set"));
        assertEquals(201, made.status(), made.toString());
        assertEquals("set", made.json().get("format").asText());
        assertTrue(made.json().get("events").toString().contains("token.revoked"), "a receiver hears of tokens by default");
        assertEquals("set", Http.get(tenantPath(store, "webhooks"), "alice").json().get(0).get("format").asText());

        Issued bobs = credential(store, "bob", body("name", "watched"));
        String token = Http.clientCredentials(bobs.clientId(), bobs.secret()).json().get("access_token").asText();
        String jti = Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
        assertEquals(200, Http.oauth("revoke", Map.of("token", token), bobs.clientId(), bobs.secret()).status());
        assertEquals(204, Http.delete(tenantPath(store, "credentials", bobs.id()), "alice").status());

        List<Received> got = Eventually.eventually(Duration.ofSeconds(20), () -> receivedAt(path), r -> r.size() >= 3, "three SETs");
        JsonWebKeySet keys = new JsonWebKeySet(Http.get("/oauth/jwks", null).body());
        String issuer = Http.get("/.well-known/oauth-authorization-server", null).json().get("issuer").asText();
        JwtConsumer verifier = new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setExpectedType(true, "secevent+jwt").setExpectedIssuer(issuer).setExpectedAudience(url(path)).setRequireJwtId()
                .setRequireIssuedAt().build();
        List<JsonNode> sets = new java.util.ArrayList<>();
        for (Received r : got) {
            assertEquals("application/secevent+jwt", r.header("Content-Type"), "RFC 8935 §2");
            assertFalse(r.body().contains(bobs.secret()), "never a secret");
            sets.add(Http.JSON.readTree(verifier.processToClaims(r.body()).toJson()));
        }
        String change = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
        String revoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
        assertEquals(List.of("credential.created", "token.revoked", "credential.revoked"),
                got.stream().map(r -> r.header("Keyward-Event-Type")).toList());
        assertEquals(bobs.clientId(), sets.get(0).get("sub_id").get("id").asText());
        assertEquals("create", sets.get(0).get("events").get(change).get("change_type").asText());
        assertEquals("client_secret", sets.get(0).get("events").get(change).get("credential_type").asText());
        assertEquals(jti, sets.get(1).get("sub_id").get("id").asText(), "the token by its jti");
        assertEquals(bobs.clientId(), sets.get(1).get("events").get(revoked).get("client_id").asText());
        assertEquals(bobs.clientId(), sets.get(2).get("sub_id").get("id").asText());
        assertEquals("revoke", sets.get(2).get("events").get(change).get("change_type").asText());
        assertEquals("admin", sets.get(2).get("events").get(change).get("initiating_entity").asText());
        assertEquals(3, sets.stream().map(t -> t.get("jti").asText()).distinct().count(), "each SET its own jti");

        Answer asToken = Http.send("GET", "/v2/products", Map.of("Authorization", "Bearer " + got.get(0).body()), null);
        assertEquals(401, asToken.status(), "a SET, signed by the same key, never passes for an access token");
        assertEquals(3, Http.get(tenantPath(store, "webhooks", made.json().get("id").asText(), "deliveries"), "alice").json().size());
    }

    @Test
    void aReceiverWithoutAUrlPollsForItsSetsAcknowledgesThemAndRefusesOne() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        assertProblem(Http.post(tenantPath(store, "webhooks"), "alice", body("description", "no URL")), 400, "invalid-webhook-url");
        Answer made = Http.post(tenantPath(store, "webhooks"), "alice", body("format", "set", "description", "polls"));
        assertEquals(201, made.status(), made.toString());
        String id = made.json().get("id").asText();
        String secret = made.json().get("secret").asText();
        String issuer = Http.get("/.well-known/oauth-authorization-server", null).json().get("issuer").asText();
        String pollUrl = made.json().get("pollUrl").asText();
        assertEquals(issuer + "/events/" + id, pollUrl);
        assertFalse(made.json().has("url"), "no URL: " + made);
        Answer hook = Http.post(tenantPath(store, "webhooks"), "alice", body("url", url("/json-" + store)));
        String hookSecret = hook.json().get("secret").asText();

        Issued bobs = credential(store, "bob", body("name", "polled"));
        String token = Http.clientCredentials(bobs.clientId(), bobs.secret()).json().get("access_token").asText();
        assertEquals(200, Http.oauth("revoke", Map.of("token", token), bobs.clientId(), bobs.secret()).status());

        // only the receiver, with its own secret
        assertEquals(401, poll(id, secret + "x", "{}").status());
        assertEquals(401, poll(id, null, "{}").status());
        assertProblem(poll(hook.json().get("id").asText(), hookSecret, "{}"), 401, "invalid-receiver");
        assertEquals(401, poll("no-such-receiver", secret, "{}").status());
        assertProblem(poll(id, secret, "{\"maxEvents\":101}"), 400, "invalid-max-events");
        assertProblem(poll(id, secret, "{\"maxEvents\":\"all\"}"), 400, "invalid-body");
        assertProblem(poll(id, secret, "{\"acks\":[]}"), 400, "invalid-body");

        JwtConsumer verifier = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(Http.get("/oauth/jwks", null).body()).getJsonWebKeys()))
                .setExpectedType(true, "secevent+jwt").setExpectedIssuer(issuer).setExpectedAudience(pollUrl).setRequireJwtId().build();
        JsonNode first = poll(id, secret, "{\"maxEvents\":1}").json();
        assertEquals(1, first.get("sets").size());
        assertTrue(first.get("moreAvailable").asBoolean());
        JsonNode all = poll(id, secret, "{\"returnImmediately\":true}").json();
        assertEquals(2, all.get("sets").size(), all.toString());
        assertFalse(all.get("moreAvailable").asBoolean());
        List<String> jtis = new java.util.ArrayList<>();
        all.get("sets").fields().forEachRemaining(e -> {
            try {
                assertEquals(e.getKey(), verifier.processToClaims(e.getValue().asText()).getJwtId(), "each SET under its jti");
            } catch (Exception invalid) {
                throw new AssertionError(invalid);
            }
            jtis.add(e.getKey());
        });
        assertEquals(first.get("sets").fieldNames().next(), jtis.get(0), "oldest first, the same SET until acknowledged");

        JsonNode settled = poll(id, secret, "{\"ack\":[\"" + jtis.get(0) + "\"],\"setErrs\":{\"" + jtis.get(1)
                + "\":{\"err\":\"invalid_audience\",\"description\":\"not ours\"}},\"maxEvents\":0}").json();
        assertEquals(0, settled.get("sets").size());
        assertEquals(0, poll(id, secret, "{}").json().get("sets").size(), "nothing is offered twice");
        JsonNode log = Http.get(tenantPath(store, "webhooks", id, "deliveries"), "alice").json();
        assertEquals(List.of("given-up", "delivered"), List.of(log.get(0).get("status").asText(), log.get(1).get("status").asText()));
        assertTrue(log.get(0).get("lastError").asText().contains("invalid_audience"), log.toString());
        assertEquals(0, log.get(0).get("attempts").asInt(), "never pushed: it has no URL");
        assertFalse(log.get(1).has("lastStatus"), "delivered by the poll, never by an HTTP answer: " + log);
    }

    private static Answer poll(String id, String secret, String json) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        if (secret != null) {
            headers.put("Authorization", "Bearer " + secret);
        }
        return Http.send("POST", "/events/" + id, headers, json);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
