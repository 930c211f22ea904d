package dev.keyward.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.memberId;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preset over HTTP, as its seed document says, with the real Keycloak behind every login. */
class PolicyPresetsIT {

    // ---- Sensedia ---------------------------------------------------------------------------------

    @Test
    void sensediaOnlySuperAdminsHoldCredentialsAndRefusalsAreAudited() {
        String console = tenant("sensedia", "alice", "super-admin", "carol", "member");

        Answer refused = Http.post(tenantPath(console, "credentials"), "carol", body("name", "mine"));
        assertProblem(refused, 403, "policy-refused");
        assertTrue(refused.json().get("detail").asText().contains("super-admins"), refused.toString());

        List<String> types = auditTypes(console, "alice", "?type=policy.refused");
        assertEquals(List.of("policy.refused"), types);
        JsonNode event = Http.get(tenantPath(console, "audit-events?type=policy.refused"), "alice").json().get("events").get(0);
        assertEquals("carol", event.get("actor").get("username").asText());
        assertTrue(event.get("detail").asText().startsWith("holder-roles"), event.toString());
    }

    @Test
    void sensediaOneActiveCredentialExpiringAfter3650DaysWithDayLongTokens() {
        String console = tenant("sensedia", "alice", "super-admin", "dave", "super-admin");
        Issued first = credential(console, "alice", body("name", "first"));
        Instant created = Instant.parse(first.body().get("createdAt").asText());
        Instant expires = Instant.parse(first.body().get("expiresAt").asText());
        assertEquals(Duration.ofDays(3650), Duration.between(created, expires));

        Answer token = clientCredentials(first.clientId(), first.secret());
        assertEquals(86400, token.json().get("expires_in").asLong());

        Answer second = Http.post(tenantPath(console, "credentials"), "alice", body("name", "second"));
        assertProblem(second, 409, "one-active-credential");

        String path = tenantPath(console, "credentials", first.id());
        assertEquals(200, Http.get(path, "dave").status(), "super admins see each other's credentials");
        Answer notOwner = Http.delete(path, "dave");
        assertEquals(403, notOwner.status(), "only the owner revokes: " + notOwner);
        assertTrue(notOwner.json().get("detail").asText().contains("alice"), notOwner.toString());
        assertEquals(200, clientCredentials(first.clientId(), first.secret()).status(), "dave's attempt changed nothing");

        assertEquals(204, Http.delete(path, "alice").status());
        assertEquals(201, Http.post(tenantPath(console, "credentials"), "alice", body("name", "again")).status(),
                "a revoked credential frees the one active slot");
    }

    @Test
    void sensediaTwentyParallelGeneratesLeaveExactlyOneActive() {
        String console = tenant("sensedia", "dave", "super-admin");
        Http.token("dave");
        List<CompletableFuture<Answer>> racing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            racing.add(Http.postAsync(tenantPath(console, "credentials"), "dave", body("name", "racer " + i)));
        }
        List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(Answer::status).toList();

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        JsonNode listed = Http.get(tenantPath(console, "credentials"), "dave").json();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(1, auditTypes(console, "dave", "?type=credential.created").size());
        assertEquals(19, auditTypes(console, "dave", "?type=policy.refused&limit=200").size());
    }

    // ---- EUID ------------------------------------------------------------------------------------------

    @Test
    void euidKeysCarryChosenRolesAndAnEnvironment() {
        String participant = tenant("euid", List.of("integration", "production"), "alice", "admin", "bob", "member");
        String base = tenantPath(participant, "credentials");

        Euid.Key mapping = Euid.key(participant, "alice", "identity map", "integration", "mapper");
        assertEquals("integration", mapping.body().get("environment").asText());
        assertEquals("[\"mapper\"]", mapping.body().get("permissions").toString());
        assertTrue(mapping.body().get("owner") == null || mapping.body().get("owner").isNull(), "keys belong to the participant");
        assertEquals("success", Euid.call("/v2/identity/map", mapping, "{\"email\":[\"jane@example.com\"]}").get("status").asText());

        Euid.key(participant, "alice", "prod key", "production", "generator");
        assertEquals(2, Http.get(base, "alice").json().size(), "a participant holds several keys");

        assertEquals("https://keyward.dev/problems/environment-required",
                Http.post(base, "alice", body("name", "x", "permissions", List.of("mapper"))).json().get("type").asText());
        assertEquals("https://keyward.dev/problems/permissions-required",
                Http.post(base, "alice", body("name", "x", "environment", "production")).json().get("type").asText());
        assertEquals("https://keyward.dev/problems/unknown-environment",
                Http.post(base, "alice", body("name", "x", "environment", "staging", "permissions", List.of("mapper"))).json().get("type").asText());
        assertEquals(403, Http.post(base, "bob", body("name", "x", "environment", "production", "permissions", List.of("mapper"))).status());
    }

    @Test
    void euidKeysSurviveTheRemovalOfWhoeverMadeThem() {
        String participant = tenant("euid", "alice", "admin", "erin", "admin");
        Euid.Key key = Euid.key(participant, "erin", "erin's key", "production", "mapper");

        Answer removed = Http.delete(tenantPath(participant, "members", memberId(participant, "alice", "erin")), "alice");
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(0, removed.json().get("credentialsRevoked").asInt());
        assertEquals("success", Euid.call("/v2/identity/map", key, "{\"email\":[\"jane@example.com\"]}").get("status").asText());
        assertTrue(Http.get(tenantPath(participant, "credentials"), "alice").body().contains(key.id()));
    }

    // ---- the presets side by side ------------------------------------------------------------------------

    @Test
    void anyoneSignedInReadsThePresetsSideBySideWithTheNamesATenantsPolicyUses() {
        assertEquals(401, Http.get("/api/v1/policies", null).status(), "only signed-in people read the presets");

        Answer answer = Http.get("/api/v1/policies", "carol");
        assertEquals(200, answer.status(), "a plain member, no operator: " + answer);
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        JsonNode presets = answer.json();
        assertEquals(List.of("elastic-path", "sensedia", "euid"), presets.findValuesAsText("preset"));

        JsonNode elasticPath = presets.get(0);
        assertEquals("[\"super-admin\",\"admin\",\"member\"]", elasticPath.get("holderRoles").toString());
        assertTrue(elasticPath.get("oneActivePerMember").asBoolean());
        assertTrue(absent(elasticPath, "credentialLifetimeDays"), "credentials do not expire");
        assertEquals(3600, elasticPath.get("tokenLifetimeSeconds").asInt());
        assertTrue(elasticPath.get("revokeOnMemberRemoval").asBoolean());
        assertTrue(elasticPath.get("implicitTokensEnabled").asBoolean());
        assertEquals(15, elasticPath.get("freshMfaMinutes").asInt());

        JsonNode sensedia = presets.get(1);
        assertEquals("Sensedia", sensedia.get("title").asText());
        assertEquals("[\"super-admin\"]", sensedia.get("holderRoles").toString());
        assertEquals("member", sensedia.get("ownership").asText());
        assertEquals(3650, sensedia.get("credentialLifetimeDays").asInt());
        assertEquals(86400, sensedia.get("tokenLifetimeSeconds").asInt());
        assertTrue(sensedia.get("ownerOnlyChanges").asBoolean());
        assertTrue(sensedia.get("denyFederatedLogins").asBoolean());
        assertTrue(sensedia.get("denyWhenOwnerHasMfa").asBoolean());
        assertTrue(absent(sensedia, "freshMfaMinutes"), "no fresh-MFA rule where MFA already refuses credentials");
        assertTrue(sensedia.get("inWords").toString().contains("Credentials expire after 3650 days."), sensedia.toString());

        JsonNode euid = presets.get(2);
        assertEquals("tenant", euid.get("ownership").asText());
        assertTrue(euid.get("permissionsChosen").asBoolean());
        assertTrue(euid.get("environmentRequired").asBoolean());
        assertEquals("[\"integration\",\"production\"]", euid.get("environments").toString());
        assertFalse(euid.get("revokeOnMemberRemoval").asBoolean(), "keys outlive the people who made them");
        assertEquals("euid-key", euid.get("credentialKind").asText());
        assertEquals("oauth-client", sensedia.get("credentialKind").asText());
        assertEquals("[\"generator\",\"mapper\",\"id-reader\",\"sharer\",\"optout\"]", euid.get("permissionCatalogue").toString());

        String console = tenant("sensedia", "alice", "super-admin");
        JsonNode policy = Http.get("/api/v1/tenants/" + console, "alice").json().get("policy");
        policy.fieldNames().forEachRemaining(field ->
                assertEquals(policy.get(field), sensedia.get(field), "a new tenant's " + field + " is its preset's"));
    }

    private static boolean absent(JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull();
    }

    // ---- tenants and members ------------------------------------------------------------------------------

    @Test
    void onlyOperatorsCreateTenantsAndSlugsAreUnique() {
        Answer notOperator = Http.post(TENANTS, "alice", body("slug", "alice-shop", "name", "x", "policy", "euid"));
        assertEquals(403, notOperator.status());

        String slug = tenant("elastic-path", "alice", "admin");
        Answer again = Http.post(TENANTS, "olivia", body("slug", slug, "name", "x", "policy", "euid"));
        assertEquals(409, again.status());
        assertEquals(400, Http.post(TENANTS, "olivia", body("slug", "ok-slug", "name", "x", "policy", "aws")).status());
        Answer ghost = Http.post(TENANTS, "olivia", body("slug", "ghost-team", "name", "x", "policy", "euid",
                "members", List.of(body("username", "nobody-here", "role", "admin"))));
        assertProblem(ghost, 400, "unknown-user");
        assertEquals(404, Http.get(tenantPath("ghost-team"), "olivia").status(), "a refused tenant leaves nothing behind");

        JsonNode view = Http.get(tenantPath(slug), "alice").json();
        assertEquals("elastic-path", view.get("policy").get("preset").asText());
        assertEquals(3600, view.get("policy").get("tokenLifetimeSeconds").asInt());
        assertEquals(404, Http.get(tenantPath(slug), "bob").status(), "bob is not a member");

        Answer longer = Http.post(TENANTS, "olivia", body("slug", "long-tokens", "name", "x", "policy", "elastic-path",
                "tokenLifetimeSeconds", 7200));
        assertProblem(longer, 400, "invalid-token-lifetime"); // a tenant may shorten the preset's tokens, not lengthen them
        assertEquals(404, Http.get(tenantPath("long-tokens"), "olivia").status());
        String shorter = tenantWith("sensedia", Map.of("tokenLifetimeSeconds", 600), "alice", "super-admin");
        assertEquals(600, Http.get(tenantPath(shorter), "alice").json().get("policy").get("tokenLifetimeSeconds").asInt());
    }

    @Test
    void membersAreAddedFromKeycloakAndRolesChangeUnderThePolicy() {
        String store = tenant("elastic-path", "alice", "admin");
        Answer added = Http.post(tenantPath(store, "members"), "alice", body("username", "erin", "role", "member"));
        assertEquals(201, added.status(), added.toString());
        assertEquals("erin@keyward.test", added.json().get("email").asText(), "looked up in Keycloak");
        assertEquals(409, Http.post(tenantPath(store, "members"), "alice", body("username", "erin", "role", "member")).status());
        assertEquals(403, Http.post(tenantPath(store, "members"), "erin", body("username", "bob", "role", "member")).status(),
                "members do not manage the team");
        assertEquals(403, Http.post(tenantPath(store, "members"), "alice", body("username", "bob", "role", "super-admin")).status(),
                "an admin cannot create a super admin");

        String erin = added.json().get("id").asText();
        Answer promoted = Http.patch(tenantPath(store, "members", erin), "alice", body("role", "admin"));
        assertEquals("admin", promoted.json().get("role").asText());
        Answer me = Http.get("/api/v1/me", "erin");
        assertTrue(me.body().contains("\"tenant\":\"" + store + "\""), me.toString());

        Answer lastAdmin = Http.delete(tenantPath(store, "members", memberId(store, "alice", "alice")), "alice");
        assertEquals(200, lastAdmin.status(), "erin still manages the team");
        Answer alone = Http.delete(tenantPath(store, "members", erin), "erin");
        assertEquals(409, alone.status(), "a tenant keeps someone who can manage it");
        assertEquals(List.of("member.removed", "member.role-changed", "member.added", "member.added", "tenant.created"),
                auditTypes(store, "erin", "?type=").stream().filter(t -> !t.equals("policy.refused")).toList());
        assertTrue(auditTypes(store, "erin", "?type=policy.refused").size() >= 2);
    }
}
