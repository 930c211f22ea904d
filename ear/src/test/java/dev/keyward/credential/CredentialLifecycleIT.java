package dev.keyward.credential;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.memberId;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle of a credential over HTTP, in an Elastic Path store, with logins from the real Keycloak. */
class CredentialLifecycleIT {

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");

    String store;

    @BeforeEach
    void store() {
        store = tenant("elastic-path", "alice", "admin", "bob", "member", "carol", "member");
    }

    @Test
    void createUseRotateDisableEnableRevoke() throws Exception {
        Answer created = Http.post(tenantPath(store, "credentials"), "bob", body("name", "bob's laptop"));
        assertEquals(201, created.status(), created.toString());
        JsonNode c = created.json();
        String id = c.get("id").asText();
        String clientId = c.get("clientId").asText();
        String secret1 = c.get("clientSecret").asText();
        assertTrue(created.header("Location").endsWith(tenantPath(store, "credentials", id)), created.header("Location"));
        assertEquals("no-store", created.header("Cache-Control"));
        assertTrue(secret1.matches("kws_[0-9A-Za-z]{49}"), secret1);
        assertTrue(clientId.matches("kwc_[0-9A-Za-z]{22}"), clientId);
        assertEquals("active", c.get("status").asText());
        assertEquals("bob", c.get("owner").get("username").asText());
        assertFalse(c.get("permissions").toString().contains("tokens:introspect"), "a member's credential: " + c);
        String path = tenantPath(store, "credentials", id);

        Answer token = clientCredentials(clientId, secret1);
        assertEquals(200, token.status(), token.toString());
        assertEquals("Bearer", token.json().get("token_type").asText());
        assertEquals(3600, token.json().get("expires_in").asLong());
        assertEquals("client_credentials", token.json().get("identifier").asText());
        long expires = token.json().get("expires").asLong();
        assertTrue(Math.abs(expires - Instant.now().getEpochSecond() - 3600) < 60, "expires " + expires);
        assertEquals("no-store", token.header("Cache-Control"));
        assertEquals(200, Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret1)).status(), "client authentication by form fields");

        Answer read = Http.get(path, "bob");
        assertEquals(200, read.status());
        assertNull(read.json().get("clientSecret"));
        assertEquals("kws_…" + secret1.substring(secret1.length() - 4), read.json().get("secretHint").asText());
        assertNoSecretIn(read.body(), secret1);

        Answer rotated = Http.post(path + "/rotate", "bob", body("graceSeconds", 120));
        assertEquals(200, rotated.status(), rotated.toString());
        String secret2 = rotated.json().get("clientSecret").asText();
        assertNotEquals(secret1, secret2);
        assertEquals(clientId, rotated.json().get("clientId").asText(), "rotation keeps the client ID");
        Instant until = Instant.parse(rotated.json().get("previousSecretValidUntil").asText());
        assertTrue(until.isAfter(Instant.now().plusSeconds(100)), until.toString());
        assertEquals(200, clientCredentials(clientId, secret1).status(), "the old secret works through the grace period");
        assertEquals(200, clientCredentials(clientId, secret2).status());

        Answer rotatedAgain = Http.post(path + "/rotate", "bob", body("graceSeconds", 0));
        String secret3 = rotatedAgain.json().get("clientSecret").asText();
        assertEquals(401, clientCredentials(clientId, secret1).status(), "a second rotation ends the first secret");
        assertEquals(401, clientCredentials(clientId, secret2).status(), "no grace: the previous secret ends at once");
        assertEquals(200, clientCredentials(clientId, secret3).status());

        String issuedBefore = Store.accessToken(clientId, secret3);
        assertEquals(200, Store.get("/v2/products", issuedBefore).status());
        assertEquals("disabled", Http.post(path + "/disable", "bob", "").json().get("status").asText());
        Answer refused = clientCredentials(clientId, secret3);
        assertEquals(401, refused.status());
        assertEquals("invalid_client", refused.json().get("error").asText());
        assertTrue(refused.json().get("error_description").asText().contains("disabled"), refused.toString());
        assertEquals(409, Http.post(path + "/disable", "bob", "").status(), "already disabled");

        assertEquals("active", Http.post(path + "/enable", "bob", "").json().get("status").asText());
        assertEquals(401, Store.get("/v2/products", issuedBefore).status(), "disabled on suspicion: its earlier tokens stay dead");
        assertEquals(200, Store.get("/v2/products", Store.accessToken(clientId, secret3)).status(), "new tokens work at once");

        assertEquals(204, Http.delete(path, "bob").status());
        Answer afterRevoke = clientCredentials(clientId, secret3);
        assertEquals(401, afterRevoke.status());
        assertTrue(afterRevoke.json().get("error_description").asText().contains("revoked"), afterRevoke.toString());
        assertEquals(409, Http.delete(path, "bob").status(), "revoked is final");
        assertEquals(409, Http.post(path + "/enable", "bob", "").status(), "revoked is final");
        assertEquals("revoked", Http.get(path, "bob").json().get("status").asText());
        assertFalse(Http.get(tenantPath(store, "credentials"), "bob").body().contains(id), "revoked credentials leave the list");
        assertTrue(Http.get(tenantPath(store, "credentials?includeRevoked=true"), "bob").body().contains(id));

        assertEquals(List.of("credential.revoked", "credential.enabled", "credential.disabled", "credential.rotated",
                "credential.rotated", "credential.created"), auditTypes(store, "alice", "?actor=bob"));
        JsonNode audit = Http.get(tenantPath(store, "audit-events?limit=200"), "alice").json();
        // the only hashes an event shows are its chain's links, which hash the events themselves, not a secret
        audit.get("events").forEach(e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("chain"));
        for (String secret : List.of(secret1, secret2, secret3)) {
            assertNoSecretIn(audit.toString(), secret);
        }
        // by type: the failed attempts with the revoked secret are reported by Keyward itself, on its own schedule
        JsonNode revokedEvent = Http.get(tenantPath(store, "audit-events?type=credential.revoked"), "alice").json().get("events").get(0);
        assertEquals("bob", revokedEvent.get("actor").get("username").asText());
        assertEquals(id, revokedEvent.get("target").get("id").asText());
        assertNotNull(revokedEvent.get("sourceIp"));
    }

    @Test
    void lastUsedIsRecordedShortlyAfterATokenIsIssued() throws Exception {
        Issued c = credential(store, "carol", body("name", "ci"));
        assertNull(c.body().get("lastUsedAt"));
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
        JsonNode seen = eventually(() -> Http.get(tenantPath(store, "credentials", c.id()), "carol").json(),
                view -> view.hasNonNull("lastUsedAt"), "lastUsedAt recorded");
        assertNotNull(seen.get("lastUsedAt"));
    }

    @Test
    void tokensAreJwtsThatThePublishedKeysVerify() throws Exception {
        Issued c = credential(store, "alice", body("name", "verifier"));
        String jwt = clientCredentials(c.clientId(), c.secret()).json().get("access_token").asText();

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(Http.KEYWARD + "/oauth/jwks")))
                .setExpectedIssuer(Http.KEYWARD)
                .setExpectedAudience("keyward")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build();
        JwtClaims claims = consumer.processToClaims(jwt);
        assertEquals(c.clientId(), claims.getSubject());
        assertEquals(c.clientId(), claims.getStringClaimValue("client_id"));
        assertEquals(store, claims.getStringClaimValue("tenant"));
        assertEquals("production", claims.getStringClaimValue("environment"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertTrue(claims.getStringClaimValue("scope").contains("tokens:introspect"), "an admin's credential holds every permission");

        String tampered = jwt.substring(0, jwt.length() - 4) + (jwt.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(tampered));
    }

    @Test
    void scopeNarrowsATokenAndCannotWidenIt() {
        Issued c = credential(store, "bob", body("name", "narrow"));
        Answer narrow = Http.tokenRequest(Map.of("grant_type", "client_credentials", "scope", "orders:read products:read"),
                c.clientId(), c.secret());
        assertEquals(200, narrow.status(), narrow.toString());
        assertEquals("orders:read products:read", narrow.json().get("scope").asText());

        Answer wider = Http.tokenRequest(Map.of("grant_type", "client_credentials", "scope", "tokens:introspect"), c.clientId(), c.secret());
        assertEquals(400, wider.status());
        assertEquals("invalid_scope", wider.json().get("error").asText());
    }

    @Test
    void adminsSeeEveryonesCredentialsMembersOnlyTheirOwn() {
        Issued bobs = credential(store, "bob", body("name", "bob's"));
        String path = tenantPath(store, "credentials", bobs.id());

        assertTrue(Http.get(tenantPath(store, "credentials"), "alice").body().contains(bobs.id()));
        assertFalse(Http.get(tenantPath(store, "credentials"), "carol").body().contains(bobs.id()));
        assertEquals(404, Http.get(path, "carol").status(), "another member's credential is not carol's business");
        assertEquals(404, Http.delete(path, "carol").status());
        assertEquals(200, clientCredentials(bobs.clientId(), bobs.secret()).status(), "carol's attempt changed nothing");
        assertEquals(204, Http.delete(path, "alice").status(), "an admin may revoke a member's credential");
    }

    @Test
    void removingAMemberRevokesTheirCredentialInTheSameStep() {
        Issued carols = credential(store, "carol", body("name", "carol's"));
        assertEquals(200, clientCredentials(carols.clientId(), carols.secret()).status());

        Answer removed = Http.delete(tenantPath(store, "members", memberId(store, "alice", "carol")), "alice");
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(1, removed.json().get("credentialsRevoked").asInt());
        assertEquals(401, clientCredentials(carols.clientId(), carols.secret()).status());
        assertEquals(List.of("member.removed", "credential.revoked"), auditTypes(store, "alice", "?actor=alice&limit=2"));
        assertEquals(404, Http.get(tenantPath(store, "credentials"), "carol").status(), "carol is no longer a member");
    }

    static void assertNoSecretIn(String text, String secret) {
        assertFalse(text.contains(secret), "the secret leaked: " + text);
        assertFalse(text.contains(secret.substring(4, 24)), "part of the secret leaked: " + text);
        assertFalse(HEX_HASH.matcher(text).find(), "something hash-shaped leaked: " + text);
    }

    @Test
    void theCredentialReportListsWhatEachCallerMaySeeEndedOnesTooWithFormulasDefused() {
        Issued alices = credential(store, "alice", body("name", "=HYPERLINK(\"http://evil\")"));
        Issued bobs = credential(store, "bob", body("name", "bob, build"));
        assertEquals(204, Http.delete(tenantPath(store, "credentials", bobs.id()), "bob").status());

        Answer report = Http.get(tenantPath(store, "credentials/report"), "alice");
        assertEquals(200, report.status(), report.toString());
        assertTrue(report.header("Content-Type").startsWith("text/csv"), report.header("Content-Type"));
        assertTrue(report.header("Content-Disposition").contains("keyward-credentials-" + store + ".csv"));
        List<String> rows = report.body().lines().toList();
        assertEquals("id,kind,clientId,name,owner,environment,permissions,status,createdAt,lastUsedAt,lastRotatedAt,expiresAt,"
                + "revokedAt,revocationReason", rows.get(0));
        assertEquals(3, rows.size(), "the header, alice's and bob's (revoked, still reported): " + rows);
        String alicesRow = rows.stream().filter(r -> r.startsWith(alices.id())).findFirst().orElseThrow();
        assertTrue(alicesRow.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",alice,production,"), "a formula is defused: " + alicesRow);
        assertTrue(alicesRow.contains(",active,"), alicesRow);
        String bobsRow = rows.stream().filter(r -> r.startsWith(bobs.id())).findFirst().orElseThrow();
        assertTrue(bobsRow.contains(",\"bob, build\",bob,") && bobsRow.contains(",revoked,"), bobsRow);
        assertFalse(report.body().contains(alices.secret()) || report.body().contains(bobs.secret()), "never a secret");

        List<String> bobSees = Http.get(tenantPath(store, "credentials/report"), "bob").body().lines().toList();
        assertEquals(2, bobSees.size(), "a member sees only their own: " + bobSees);
        assertTrue(bobSees.get(1).startsWith(bobs.id()));
        assertEquals(404, Http.get(tenantPath(store, "credentials/report"), "dave").status(), "not a member");
    }
}
