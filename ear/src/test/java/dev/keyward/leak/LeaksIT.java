package dev.keyward.leak;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Mailbox;
import dev.keyward.it.Raw;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leaked secrets reported the three ways (GitHub's signed reports, GitLab's token revocation API, the public bulk
 * endpoint), against the running stack. GitHub cannot be reached from here: the test plays GitHub, signing its reports
 * with a key pair it makes and serving the public key at the address the server was given, in GitHub's format.
 */
class LeaksIT {

    private static final int KEYS_PORT = Integer.getInteger("keyward.it.leaksPort", 18091);
    private static final String GITLAB_TOKEN = System.getProperty("keyward.it.gitlabToken", "gitlab-revocation-token-of-the-tests");
    private static final String KEY_ID = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";

    static HttpServer github;
    static KeyPair githubKey;
    static KeyPair strangersKey;

    @BeforeAll
    static void playGithub() throws Exception {
        githubKey = ecKeyPair();
        strangersKey = ecKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(githubKey.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String keys = Http.JSON.writeValueAsString(Map.of("public_keys", List.of(
                Map.of("key_identifier", KEY_ID, "key", pem, "is_current", true))));
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", KEYS_PORT), 0);
        github.createContext("/meta/public_keys/secret_scanning", exchange -> {
            byte[] bytes = keys.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        github.start();
    }

    @AfterAll
    static void stopPlayingGithub() {
        if (github != null) {
            github.stop(0);
        }
    }

    @Test
    void aSecretGithubFindsIsRevokedAtOnceWithItsTokensAndASecondReportChangesNothing() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member", "carol", "member");
        Issued bobs = credential(store, "bob", body("name", "pushed by mistake"));
        Issued carols = credential(store, "carol", body("name", "carol's"));
        String bobsToken = Store.accessToken(bobs.clientId(), bobs.secret());
        String carolsToken = Store.accessToken(carols.clientId(), carols.secret());
        String junk = "kws_" + "A".repeat(49);
        String url = "https://github.com/acme/shop/blob/4f1c/.env";

        String report = Http.JSON.writeValueAsString(List.of(
                Map.of("token", bobs.secret(), "type", "keyward_client_secret", "url", url, "source", "content"),
                Map.of("token", junk, "type", "keyward_client_secret", "url", url, "source", "content")));

        // unsigned, signed by someone else, or signed and then changed: 401, and nothing happens
        assertProblem(githubReport(report, null, null), 401, "invalid-signature");
        assertProblem(githubReport(report, KEY_ID, sign(strangersKey, report)), 401, "invalid-signature");
        assertProblem(githubReport(report.replace("content", "commit "), KEY_ID, sign(githubKey, report)), 401, "invalid-signature");
        assertProblem(githubReport(report, "no-such-key", sign(githubKey, report)), 401, "invalid-signature");
        assertEquals(200, Http.clientCredentials(bobs.clientId(), bobs.secret()).status(), "nothing was revoked yet");

        Answer answered = githubReport(report, KEY_ID, sign(githubKey, report));
        assertEquals(200, answered.status(), answered.toString());
        JsonNode feedback = answered.json();
        assertEquals(2, feedback.size());
        assertEquals(sha256(bobs.secret()), feedback.get(0).get("token_hash").asText());
        assertEquals("keyward_client_secret", feedback.get(0).get("token_type").asText());
        assertEquals("true_positive", feedback.get(0).get("label").asText());
        assertEquals("false_positive", feedback.get(1).get("label").asText());
        assertFalse(answered.body().contains(bobs.secret()), "the secret is never echoed");

        Answer refused = Http.clientCredentials(bobs.clientId(), bobs.secret());
        assertEquals(401, refused.status());
        assertTrue(refused.json().get("error_description").asText().contains("revoked"), refused.toString());
        assertEquals(401, Store.get("/v2/products", bobsToken).status(), "the token issued before the leak dies with it");
        assertEquals(200, Store.get("/v2/products", carolsToken).status(), "nobody else's");
        JsonNode bobsView = Http.get(tenantPath(store, "credentials", bobs.id()), "bob").json();
        assertEquals("revoked", bobsView.get("status").asText());

        List<String> types = auditTypes(store, "alice", "?limit=3");
        assertEquals(List.of("credential.revoked", "leak.reported"), types.subList(0, 2), types.toString());
        JsonNode leak = Http.get(tenantPath(store, "audit-events?type=leak.reported"), "alice").json().get("events").get(0);
        assertEquals("github", leak.get("actor").get("username").asText());
        assertTrue(leak.get("detail").asText().contains(url), leak.toString());
        assertEquals(bobs.id(), leak.get("target").get("id").asText());

        String owners = Mailbox.awaitWith("bob@keyward.test", "pushed by mistake", 1).get(0);
        assertTrue(owners.contains("Subject: [Keyward] Credential \"pushed by mistake\" was revoked: its secret was found in public"), owners);
        assertTrue(owners.contains(url) && owners.contains("reported by github"), owners);
        assertFalse(owners.contains(bobs.secret()), "never the secret");
        Mailbox.awaitWith("alice@keyward.test", bobs.clientId(), 1); // the tenant's admin too
        assertEquals(List.of(), Mailbox.with("carol@keyward.test", bobs.clientId()), "a member is not an admin");

        Answer again = githubReport(report, KEY_ID, sign(githubKey, report));
        assertEquals("true_positive", again.json().get(0).get("label").asText(), "still a real secret");
        assertEquals(1, Http.get(tenantPath(store, "audit-events?type=leak.reported"), "alice").json().get("events").size(),
                "a second report of the same secret is a no-op");
        assertTrue(Http.get(tenantPath(store, "audit-events/verify"), "alice").json().get("intact").asBoolean());
    }

    @Test
    void aTokenKeywardIssuedIsARealFindAliveOrDeadAndAForgedOneIsNot() throws Exception {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "its token pushed"));
        String token = Store.accessToken(c.clientId(), c.secret());
        String forged = token.substring(0, token.length() - 8) + (token.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
        String url = "https://github.com/octo/app/blob/main/token.txt";
        String report = Http.JSON.writeValueAsString(List.of(
                Map.of("token", token, "type", "keyward_access_token", "url", url, "source", "content"),
                Map.of("token", forged, "type", "keyward_access_token", "url", url, "source", "content")));

        JsonNode first = githubReport(report, KEY_ID, sign(githubKey, report)).json();
        assertEquals("true_positive", first.get(0).get("label").asText(), first.toString());
        assertEquals("false_positive", first.get(1).get("label").asText(), "signed by no key of Keyward's");
        assertEquals(401, Store.get("/v2/products", token).status(), "revoked on report");

        JsonNode again = githubReport(report, KEY_ID, sign(githubKey, report)).json();
        assertEquals("true_positive", again.get(0).get("label").asText(), "a token Keyward issued, dead now, was still a real leak");
        assertEquals(1, Http.get(tenantPath(store, "audit-events?type=leak.reported"), "alice").json().get("events").size(),
                "the second report changed nothing");
    }

    @Test
    void gitlabsRevocationApiTakesItsTokenListsItsTypesAndIsIdempotent() {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued bobs = credential(store, "bob", body("name", "in a pipeline log"));
        String gitlab = "Bearer " + GITLAB_TOKEN;

        assertProblem(gitlab("GET", "/leaks/gitlab/v1/revocable_token_types", null, null), 401, "invalid-token");
        assertProblem(gitlab("GET", "/leaks/gitlab/v1/revocable_token_types", "Bearer not-the-token", null), 401, "invalid-token");
        Answer types = gitlab("GET", "/leaks/gitlab/v1/revocable_token_types", GITLAB_TOKEN, null);
        assertEquals(200, types.status(), types.toString());
        assertTrue(types.json().get("types").toString().contains("gitleaks_rule_id_keyward_client_secret"), types.body());

        String unknownType = "[{\"type\":\"aws_key_id\",\"token\":\"" + bobs.secret() + "\",\"location\":\"https://gitlab.example/x\"}]";
        assertProblem(gitlab("POST", "/leaks/gitlab/v1/revoke_tokens", gitlab, unknownType), 400, "invalid-body");
        assertEquals(200, Http.clientCredentials(bobs.clientId(), bobs.secret()).status(), "a refused request revokes nothing");
        assertProblem(gitlab("POST", "/leaks/gitlab/v1/revoke_tokens", gitlab, "{\"not\":\"a list\"}"), 400, "invalid-body");
        assertProblem(gitlab("POST", "/leaks/gitlab/v1/revoke_tokens", "Bearer wrong", "[]"), 401, "invalid-token");

        String found = "[{\"type\":\"gitleaks_rule_id_keyward_client_secret\",\"token\":\"" + bobs.secret()
                + "\",\"location\":\"https://gitlab.example/acme/-/blob/main/ci.yml\"}]";
        assertEquals(204, gitlab("POST", "/leaks/gitlab/v1/revoke_tokens", gitlab, found).status());
        assertEquals(401, Http.clientCredentials(bobs.clientId(), bobs.secret()).status());
        assertEquals(204, gitlab("POST", "/leaks/gitlab/v1/revoke_tokens", gitlab, found).status(), "idempotent");
        JsonNode leak = Http.get(tenantPath(store, "audit-events?type=leak.reported"), "alice").json().get("events");
        assertEquals(1, leak.size());
        assertEquals("gitlab", leak.get(0).get("actor").get("username").asText());
    }

    @Test
    void anyoneMayHandInSecretsAndLearnsNothingAboutThem() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Euid.Key key = Euid.key(participant, "alice", "mapper in a gist", "integration", "mapper");
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued bobs = credential(store, "bob", body("name", "bob's"));
        String leakedToken = Store.accessToken(bobs.clientId(), bobs.secret());
        String otherToken = Store.accessToken(bobs.clientId(), bobs.secret());

        Answer handedIn = Http.send("POST", "/leaks/revoke", Map.of("Content-Type", "application/json"),
                "{\"credentials\":[\"" + key.apiKey() + "\",\"" + leakedToken + "\",\"kwe_i_nothing\",\"hello\"]}");
        assertEquals(202, handedIn.status(), handedIn.toString());
        assertEquals(4, handedIn.json().get("received").asInt());
        assertFalse(handedIn.body().contains("true") || handedIn.body().contains("revoked"), "no oracle: " + handedIn.body());

        assertEquals("revoked", Http.get(tenantPath(participant, "credentials", key.id()), "alice").json().get("status").asText());
        assertEquals(401, Store.get("/v2/products", leakedToken).status(), "the leaked access token is revoked");
        assertEquals(200, Store.get("/v2/products", otherToken).status(), "its credential, whose secret did not leak, works on");
        assertEquals(200, Http.clientCredentials(bobs.clientId(), bobs.secret()).status());
        assertTrue(auditTypes(store, "alice", "?limit=5").contains("leak.reported"));
        assertTrue(auditTypes(participant, "alice", "?limit=5").contains("leak.reported"));

        assertProblem(Http.send("POST", "/leaks/revoke", Map.of("Content-Type", "application/json"), "{\"credentials\":[]}"),
                400, "invalid-body");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add("x" + i);
        }
        assertProblem(Http.send("POST", "/leaks/revoke", Map.of("Content-Type", "application/json"),
                "{\"credentials\":" + toJson(many) + "}"), 400, "invalid-body");
        assertProblem(Http.send("POST", "/leaks/revoke", Map.of("Content-Type", "application/json"),
                "{\"credentials\":[\"a\"],\"why\":\"extra\"}"), 400, "invalid-body");
    }

    @Test
    void thePublicEndpointHasABudgetPerAddress() {
        Raw from = Raw.from("127.0.0.41");
        Map<String, String> json = Map.of("Content-Type", "application/json");
        int accepted = 0;
        Answer last = null;
        for (int i = 0; i < 15; i++) {
            last = from.send("POST", "/leaks/revoke", json, "{\"credentials\":[\"nothing-" + i + "\"]}");
            if (last.status() == 202) {
                accepted++;
            } else {
                break;
            }
        }
        assertEquals(10, accepted, "the default budget: ten requests a minute from one address");
        assertProblem(last, 429, "too-many-reports");
        assertNotNull(last.header("Retry-After"));
        assertEquals(202, Raw.from("127.0.0.42").send("POST", "/leaks/revoke", json, "{\"credentials\":[\"x\"]}").status(),
                "another address has its own budget");
    }

    private static Answer githubReport(String body, String keyId, String signature) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        if (keyId != null) {
            headers.put("Github-Public-Key-Identifier", keyId);
        }
        if (signature != null) {
            headers.put("Github-Public-Key-Signature", signature);
        }
        return Http.send("POST", "/leaks/github", headers, body);
    }

    private static Answer gitlab(String method, String path, String authorization, String body) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return Http.send(method, path, headers, body);
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** As GitHub signs: ECDSA P-256 with SHA-256 over the raw body, the DER signature in base64. */
    private static String sign(KeyPair key, String body) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(key.getPrivate());
        ecdsa.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String toJson(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
