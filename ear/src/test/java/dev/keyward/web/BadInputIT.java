package dev.keyward.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.ServerLog;
import dev.keyward.it.TenantFixtures.Issued;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a client sends gets a clear 4xx: problems on the management API, RFC 6749 errors on the token
 * endpoint, never a stack trace, never another tenant's data, and nothing lost.
 */
class BadInputIT {

    @Test
    void theManagementApiNeedsAValidKeycloakToken() {
        Answer none = Http.get("/api/v1/me", null);
        assertProblem(none, 401, "unauthenticated");
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none.header("WWW-Authenticate"));

        Answer forged = Http.request("GET", "/api/v1/me").as("not.a.token").send();
        assertProblem(forged, 401, "unauthenticated");

        String alice = Http.token("alice");
        String tampered = alice.substring(0, alice.lastIndexOf('.') + 1) + "AAAA" + alice.substring(alice.lastIndexOf('.') + 5);
        assertProblem(Http.request("GET", "/api/v1/me").as(tampered).send(), 401, "unauthenticated");
        assertProblem(Http.request("POST", tenantPath("demo-store", "invitations")).body("application/json", "{\"email\":").send(), 401,
                "unauthenticated"); // who is asking comes before what they sent
        Answer limit = Http.get("/api/v1/audit-events?limit=abc", "olivia");
        assertProblem(limit, 400, "invalid-parameter");
        assertEquals("Parameter 'limit' does not take the value 'abc'.", limit.json().get("detail").asText());
        Answer yes = Http.get(tenantPath(tenant("elastic-path", "alice", "admin"), "credentials?includeRevoked=yes"), "alice");
        assertProblem(yes, 400, "invalid-parameter"); // not read as false
        assertTrue(yes.json().get("detail").asText().contains("includeRevoked"), yes.toString());

        Answer me = Http.get("/api/v1/me", "alice");
        assertEquals(200, me.status());
        assertEquals("alice", me.json().get("username").asText());
        assertFalse(me.json().get("operator").asBoolean());
        assertTrue(Http.get("/api/v1/me", "olivia").json().get("operator").asBoolean(), "olivia holds keyward-operator in Keycloak");
    }

    @Test
    void anotherTenantsObjectsAreNotFoundNeverForbidden() {
        String mine = tenant("elastic-path", "alice", "admin");
        String theirs = tenant("elastic-path", "bob", "admin");
        Issued bobs = credential(theirs, "bob", body("name", "bob's"));

        assertProblem(Http.get(tenantPath(mine, "credentials", bobs.id()), "alice"), 404, "unknown-credential");
        assertProblem(Http.delete(tenantPath(mine, "credentials", bobs.id()), "alice"), 404, "unknown-credential");
        assertProblem(Http.get(tenantPath(theirs, "credentials"), "alice"), 404, "unknown-tenant");
        assertProblem(Http.get(tenantPath(theirs, "audit-events"), "alice"), 404, "unknown-tenant");
        assertProblem(Http.get(tenantPath("no-such-tenant", "credentials"), "alice"), 404, "unknown-tenant");
        assertEquals(200, clientCredentials(bobs.clientId(), bobs.secret()).status(), "nothing alice tried touched it");
    }

    @Test
    void invalidBodiesAreRefusedWithTheOffendingFields() {
        String store = tenant("elastic-path", "alice", "admin");
        String base = tenantPath(store, "credentials");

        assertProblem(Http.request("POST", base).as("alice").body("application/json", "{\"name\":").send(), 400, "malformed-body");
        Answer array = Http.request("POST", base).as("alice").body("application/json", "[1,2]").send();
        assertProblem(array, 400, "invalid-body"); // well-formed JSON, but not the object the endpoint takes
        assertEquals("must be a JSON object", array.json().get("errors").get(0).get("message").asText());
        Answer soon = Http.request("POST", base).as("alice").body("application/json", "{\"name\":\"x\",\"expiresAt\":\"soon\"}").send();
        assertProblem(soon, 400, "invalid-body");
        assertEquals("expiresAt", soon.json().get("errors").get(0).get("field").asText());
        assertProblem(Http.request("POST", base).as("alice").body("text/plain", "name=x").send(), 415, "unsupported-media-type");

        Answer empty = Http.post(base, "alice", body());
        assertProblem(empty, 400, "invalid-body");
        assertEquals("name", empty.json().get("errors").get(0).get("field").asText());

        Answer unknown = Http.post(base, "alice", body("name", "x", "permissions", List.of("everything")));
        assertProblem(unknown, 400, "invalid-body");
        assertTrue(unknown.json().get("errors").get(0).get("message").asText().contains("catalogue"), unknown.toString());

        assertProblem(Http.post(base, "alice", body("name", "x".repeat(101))), 400, "invalid-body");
        assertProblem(Http.request("POST", base).as("alice").body("application/json", "{\"name\":\"" + "x".repeat(70_000) + "\"}").send(), 413, "body-too-large");
        Answer put = Http.request("PUT", base).as("alice").body("application/json", "{}").send();
        assertProblem(put, 405, "method-not-allowed");
        assertTrue(put.header("Allow").contains("POST"), "RFC 9110: a 405 names the allowed methods");
        assertProblem(Http.get("/api/v1/nothing-here", "alice"), 404, "not-found");

        Issued c = credential(store, "alice", body("name", "ok"));
        assertProblem(Http.post(base + "/" + c.id() + "/rotate", "alice", body("graceSeconds", -5)), 400, "invalid-grace");
        // a string, or a number JSON-B would otherwise wrap (2^64 + 600 read as 600) or cut short (60.5 read as 60)
        for (String grace : List.of("\"long\"", "18446744073709552216", "60.5")) {
            Answer refused = Http.post(base + "/" + c.id() + "/rotate", "alice", "{\"graceSeconds\":" + grace + "}");
            assertProblem(refused, 400, "invalid-body");
            assertEquals("graceSeconds", refused.json().get("errors").get(0).get("field").asText(), refused.toString());
        }
        assertProblem(Http.post(TENANTS, "olivia", "{\"slug\":\"wrapped-lifetime\",\"name\":\"W\",\"policy\":\"elastic-path\","
                + "\"tokenLifetimeSeconds\":4294967896}"), 400, "invalid-body");
        assertEquals(404, Http.get(tenantPath("wrapped-lifetime"), "olivia").status(), "the refused tenant was not created");
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status(), "refused rotations left the secret alone");
        assertProblem(Http.post(tenantPath(store, "members"), "alice", body("username", "bob", "role", "owner")), 400, "unknown-role");
        assertProblem(Http.patch(tenantPath(store, "members", "nobody"), "alice", body("role", "admin")), 404, "unknown-member");
    }

    @Test
    void theTokenEndpointAnswersInRfc6749Terms() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "oauth"));

        Answer wrongSecret = clientCredentials(c.clientId(), c.secret().substring(0, 52) + (c.secret().endsWith("A") ? "B" : "A"));
        Answer unknownClient = clientCredentials("kwc_0000000000000000000000", c.secret());
        assertEquals(401, wrongSecret.status());
        assertEquals(wrongSecret.body(), unknownClient.body(), "an unknown client and a wrong secret look the same");
        assertEquals("invalid_client", wrongSecret.json().get("error").asText());
        assertTrue(wrongSecret.header("WWW-Authenticate").startsWith("Basic"), "RFC 6749 §5.2: Basic was used");
        assertEquals("no-store", wrongSecret.header("Cache-Control"));

        assertOAuth(Http.tokenRequest(Map.of(), c.clientId(), c.secret()), 400, "invalid_request");
        assertOAuth(Http.tokenRequest(Map.of("grant_type", "password", "username", "a", "password", "b"), c.clientId(), c.secret()),
                400, "unsupported_grant_type");
        assertOAuth(Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_secret", c.secret()), c.clientId(), c.secret()),
                400, "invalid_request");
        assertOAuth(Http.tokenRequest(Map.of("grant_type", "client_credentials")), 401, "invalid_client");
        assertOAuth(Http.request("POST", "/oauth/access_token").body("application/x-www-form-urlencoded", "grant_type=client_credentials&grant_type=x").send(),
                400, "invalid_request");
        assertOAuth(Http.request("POST", "/oauth/access_token").body("application/json", "{}").send(), 415, "invalid_request");
        assertOAuth(Http.request("GET", "/oauth/access_token").send(), 405, "invalid_request");
        assertOAuth(Http.request("POST", "/oauth/access_token").body("application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=" + "x".repeat(9_000)).send(), 413, "invalid_request"); // 8 KiB at most
    }

    @Test
    void brokenFormEncodingIsAnInvalidRequestAndLogsNothing() {
        long mark = ServerLog.mark();
        String form = "application/x-www-form-urlencoded";
        for (String body : List.of("grant_type=%", "client_id=%zz&client_secret=%", "grant_type=client_credentials&client_id=%FF%FE")) {
            assertOAuth(Http.request("POST", "/oauth/access_token").body(form, body).send(), 400, "invalid_request");
        }
        assertOAuth(Http.request("POST", "/oauth/access_token").body(form + "; charset=bogus", "grant_type=client_credentials").send(),
                400, "invalid_request");
        for (String endpoint : List.of("/oauth/introspect", "/oauth/revoke")) {
            assertOAuth(Http.request("POST", endpoint).body(form, "token=%%%.%%%.%%%").send(), 400, "invalid_request");
        }
        List<String> written = ServerLog.since(mark).stream().filter(l -> l.contains("Exception") || l.contains("Incident")).toList();
        assertTrue(written.isEmpty(), "a client's bad input logs no fault: " + written);
    }
}
