package dev.keyward.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.Store.accessToken;
import static dev.keyward.it.Store.get;
import static dev.keyward.it.Store.implicitToken;
import static dev.keyward.it.Store.product;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Introspection (RFC 7662), revocation (RFC 7009), metadata (RFC 8414), and revocation that stops live tokens at once. */
class TokenPlaneIT {

    String store;
    Issued admin;
    Issued member;

    @BeforeEach
    void store() {
        store = tenant("elastic-path", "alice", "admin", "bob", "member");
        admin = credential(store, "alice", body("name", "introspector"));
        member = credential(store, "bob", body("name", "bob's"));
    }

    Answer introspect(String token) {
        return Http.oauth("introspect", Map.of("token", token), admin.clientId(), admin.secret());
    }

    /**
     * Introspection is served outside JAX-RS for speed: it must still answer on the wire as every OAuth endpoint does
     * (methods, media types, the body limit, RFC 6749 errors, the headers every answer carries).
     */
    @Test
    void introspectionAnswersTheWireAsTheOtherOAuthEndpointsDo() {
        String token = accessToken(member.clientId(), member.secret());
        String basic = Http.basic(admin.clientId(), admin.secret());
        String form = "application/x-www-form-urlencoded";

        Answer ok = Http.send("POST", "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", form, "Accept", "application/json"),
                "token=" + token);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.json().get("active").asBoolean(), ok.toString());
        assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(ok.headers().firstValue("X-Request-Id").isPresent(), ok.toString());

        for (String method : List.of("GET", "PUT", "DELETE")) {
            Answer refused = Http.send(method, "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", form), "token=" + token);
            assertEquals(405, refused.status(), method + ": " + refused);
            assertEquals("POST, OPTIONS", refused.headers().firstValue("Allow").orElse(""), method);
            assertEquals("invalid_request", refused.json().get("error").asText(), method + ": " + refused);
        }
        Answer options = Http.send("OPTIONS", "/oauth/introspect", Map.of(), null);
        assertEquals(200, options.status(), options.toString());
        assertEquals("POST, OPTIONS", options.headers().firstValue("Allow").orElse(""));

        Answer json = Http.send("POST", "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", "application/json"),
                "{\"token\":\"" + token + "\"}");
        assertEquals(415, json.status(), json.toString());
        assertEquals("invalid_request", json.json().get("error").asText());
        Answer html = Http.send("POST", "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", form, "Accept", "text/html"),
                "token=" + token);
        assertEquals(406, html.status(), html.toString());
        Answer anything = Http.send("POST", "/oauth/introspect",
                Map.of("Authorization", basic, "Content-Type", form + "; charset=UTF-8", "Accept", "text/html;q=0.9, */*;q=0.1"), "token=" + token);
        assertEquals(200, anything.status(), anything.toString());
        Answer large = Http.send("POST", "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", form),
                "token=" + "a".repeat(9000));
        assertEquals(413, large.status(), large.toString());
        assertEquals("invalid_request", large.json().get("error").asText());
        Answer latin = Http.send("POST", "/oauth/introspect", Map.of("Authorization", basic, "Content-Type", form + "; charset=ISO-8859-1"),
                "token=" + token);
        assertEquals(400, latin.status(), latin.toString());
        Answer stranger = Http.send("POST", "/oauth/introspect", Map.of("Content-Type", form), "token=" + token);
        assertEquals(401, stranger.status(), stranger.toString());
        assertEquals("invalid_client", stranger.json().get("error").asText());
        assertTrue(stranger.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), stranger.toString());
        assertEquals("no-store", stranger.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void introspectionDescribesLiveTokensOfItsOwnTenantOnly() {
        String bobs = accessToken(member.clientId(), member.secret());
        Answer a = introspect(bobs);
        assertEquals(200, a.status(), a.toString());
        JsonNode t = a.json();
        assertTrue(t.get("active").asBoolean());
        assertEquals(member.clientId(), t.get("client_id").asText());
        assertEquals("Bearer", t.get("token_type").asText());
        assertEquals(store, t.get("tenant").asText());
        assertEquals("client_credentials", t.get("grant").asText());
        assertFalse(t.get("scope").asText().contains("tokens:introspect"));
        assertEquals("no-store", a.header("Cache-Control"));
        List<String> fields = new java.util.ArrayList<>();
        t.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("active", "scope", "client_id", "token_type", "exp", "iat", "sub", "aud", "iss", "jti", "tenant", "environment",
                "grant"), fields.subList(0, 13), "RFC 7662's members first, then Keyward's: " + fields);
        assertTrue(t.get("exp").isIntegralNumber() && t.get("exp").asLong() > t.get("iat").asLong(), t.toString());
        assertEquals(member.clientId(), t.get("sub").asText());

        assertFalse(introspect("garbage").json().get("active").asBoolean());
        String elsewhere = tenant("elastic-path", "carol", "admin");
        Issued foreign = credential(elsewhere, "carol", body("name", "foreign"));
        assertEquals("{\"active\":false}", introspect(accessToken(foreign.clientId(), foreign.secret())).body(),
                "another tenant's token is none of this tenant's business");

        Answer notAllowed = Http.oauth("introspect", Map.of("token", bobs), member.clientId(), member.secret());
        assertEquals(400, notAllowed.status(), "a member's credential lacks tokens:introspect");
        assertEquals("unauthorized_client", notAllowed.json().get("error").asText());
        assertEquals(401, Http.oauth("introspect", Map.of("token", bobs), admin.clientId(), member.secret()).status());
    }

    @Test
    void revokingACredentialStopsItsLiveTokensAtOnce() {
        String bobs = accessToken(member.clientId(), member.secret());
        String storefront = implicitToken(member.clientId());
        String backOffice = accessToken(admin.clientId(), admin.secret());
        String p = product(backOffice, "SKU-1", "live");
        assertEquals(200, get("/v2/products/" + p, bobs).status());
        assertEquals(200, get("/v2/products/" + p, storefront).status());

        String path = tenantPath(store, "credentials", member.id());
        assertEquals(200, Http.post(path + "/disable", "bob", "").status());
        assertEquals(401, get("/v2/products/" + p, bobs).status(), "disabled: its tokens stop at once");
        assertEquals(401, get("/v2/products/" + p, storefront).status(), "implicit tokens too");
        assertFalse(introspect(bobs).json().get("active").asBoolean());
        assertEquals(200, Http.post(path + "/enable", "bob", "").status());
        assertEquals(401, get("/v2/products/" + p, bobs).status(), "enabled again: the tokens issued before the disable stay dead");
        bobs = accessToken(member.clientId(), member.secret());
        assertEquals(200, get("/v2/products/" + p, bobs).status(), "new ones work");

        assertEquals(204, Http.delete(path, "bob").status());
        assertEquals(401, get("/v2/products/" + p, bobs).status(), "revoked: its tokens stop at once, not when they expire");
        assertFalse(introspect(bobs).json().get("active").asBoolean());
        assertEquals(200, get("/v2/products/" + p, backOffice).status(), "other credentials' tokens are untouched");
    }

    @Test
    void aClientRevokesOneOfItsOwnTokens() {
        String first = accessToken(member.clientId(), member.secret());
        String second = accessToken(member.clientId(), member.secret());
        String adminToken = accessToken(admin.clientId(), admin.secret());

        Answer revoked = Http.oauth("revoke", Map.of("token", first), member.clientId(), member.secret());
        assertEquals(200, revoked.status(), revoked.toString());
        assertFalse(introspect(first).json().get("active").asBoolean());
        assertTrue(introspect(second).json().get("active").asBoolean(), "only that token");
        assertEquals(401, get("/v2/products", first).status());

        assertEquals(200, Http.oauth("revoke", Map.of("token", adminToken), member.clientId(), member.secret()).status(),
                "RFC 7009: the same answer for a token the client does not hold");
        assertTrue(introspect(adminToken).json().get("active").asBoolean(), "and nothing happened to it");
        assertEquals(200, Http.oauth("revoke", Map.of("token", "junk"), member.clientId(), member.secret()).status());
        assertEquals(401, Http.oauth("revoke", Map.of("token", second), member.clientId(), admin.secret()).status());
        assertEquals(1, auditTypes(store, "alice", "?type=token.revoked").size());
    }

    @Test
    void theMetadataDocumentNamesEveryEndpoint() {
        JsonNode m = Http.get("/.well-known/oauth-authorization-server", null).json();
        assertEquals(Http.KEYWARD, m.get("issuer").asText());
        for (String endpoint : new String[]{"token_endpoint", "jwks_uri", "introspection_endpoint", "revocation_endpoint"}) {
            String url = m.get(endpoint).asText();
            assertTrue(url.startsWith(Http.KEYWARD + "/oauth/"), endpoint + " " + url);
        }
        assertTrue(m.get("grant_types_supported").toString().contains("implicit"));
        assertTrue(m.get("token_endpoint_auth_methods_supported").toString().contains("client_secret_basic"));
        assertTrue(m.get("scopes_supported").toString().contains("orders:read"));
        assertEquals(200, Http.get("/oauth/jwks", null).status());
    }

    @Test
    void aRotatedSigningKeyIsPublishedBeforeItSignsAndTheOldOneKeepsVerifying() throws Exception {
        assertEquals(403, Http.post("/api/v1/signing-keys", "alice", "").status(), "only operators rotate");
        assertEquals(403, Http.get("/api/v1/signing-keys", "alice").status());
        String before = accessToken(member.clientId(), member.secret());
        String oldKid = kid(before);

        Answer rotated = Http.post("/api/v1/signing-keys", "olivia", "");
        assertEquals(201, rotated.status(), rotated.toString());
        String newKid = rotated.json().get("kid").asText();
        assertEquals("next", rotated.json().get("stage").asText());
        assertEquals(409, Http.post("/api/v1/signing-keys", "olivia", "").status(), "one rotation at a time");

        // published on this server within its two-second refresh, while the old key still signs
        List<String> published = eventually(Duration.ofSeconds(5), TokenPlaneIT::kids, kids -> kids.contains(newKid), "the new key published");
        assertTrue(published.containsAll(List.of(oldKid, newKid)), published.toString());
        assertEquals(oldKid, kid(accessToken(member.clientId(), member.secret())), "a published key does not sign before its time");

        // after the publish lead (a few seconds in the tests) the new key signs; the old one still verifies
        String after = eventually(() -> accessToken(member.clientId(), member.secret()), token -> newKid.equals(kid(token)),
                "tokens signed by the new key");
        assertTrue(kids().contains(oldKid), "the old key stays published until its tokens have expired");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(Http.KEYWARD + "/oauth/jwks")))
                .setExpectedIssuer(Http.KEYWARD).setExpectedAudience("keyward").build();
        assertEquals(member.clientId(), consumer.processToClaims(before).getSubject(), "an old token verifies by the JWKS");
        assertEquals(member.clientId(), consumer.processToClaims(after).getSubject(), "and so does a new one");
        assertTrue(introspect(before).json().get("active").asBoolean(), "Keyward still accepts the old key's tokens");
        assertEquals(200, get("/v2/products", before).status());

        JsonNode keys = Http.get("/api/v1/signing-keys", "olivia").json();
        Map<String, String> stages = new HashMap<>();
        keys.forEach(k -> stages.put(k.get("kid").asText(), k.get("stage").asText()));
        assertEquals("current", stages.get(newKid));
        assertEquals("retiring", stages.get(oldKid));
        JsonNode oldKey = null;
        for (JsonNode k : keys) {
            if (k.get("kid").asText().equals(oldKid)) {
                oldKey = k;
            }
        }
        assertTrue(Instant.parse(oldKey.get("retiresAt").asText())
                .isAfter(Instant.now().plus(Duration.ofHours(24))), "kept past the longest token's lifetime");
        JsonNode events = Http.get("/api/v1/audit-events?type=signing-key.rotated", "olivia").json().get("events");
        assertTrue(events.findValues("target").stream().anyMatch(t -> t.get("id").asText().equals(newKid)), events.toString());
        assertEquals(403, Http.get("/api/v1/audit-events", "alice").status(), "the platform trail is for operators");
    }

    private static List<String> kids() {
        Answer jwks = Http.get("/oauth/jwks", null);
        assertEquals("public, max-age=300", jwks.header("Cache-Control"));
        return jwks.json().get("keys").findValuesAsText("kid");
    }

    private static String kid(String jwt) {
        return Http.json(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).get("kid").asText();
    }
}
