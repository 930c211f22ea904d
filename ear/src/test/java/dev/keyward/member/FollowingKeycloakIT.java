package dev.keyward.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Browser;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import dev.keyward.it.TenantFixtures.Member;
import dev.keyward.it.Totp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.memberId;
import static dev.keyward.it.TenantFixtures.newMemberWithCredential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials follow what happens to their owner in Keycloak, within seconds, whoever changes it there: these
 * tests change people through Keycloak's own admin API and never tell Keyward.
 */
class FollowingKeycloakIT {

    @Test
    void aUserDisabledInKeycloakIsRefusedWithinSecondsAndRestoredWhenEnabled() {
        Member dora = newMemberWithCredential("dora");

        KeycloakAdmin.setEnabled(dora.username(), false);
        Answer refused = eventually(dora::tokenRequest, a -> a.status() == 401, "refused after disabling");
        assertEquals("invalid_client", refused.json().get("error").asText());
        assertTrue(refused.json().get("error_description").asText().contains("Keycloak account is disabled"), refused.toString());
        assertEquals("suspended", credentialView(dora.store(), dora.credential()).get("status").asText());
        assertTrue(auditTypes(dora.store(), "alice", "?type=member.suspended").size() == 1);

        KeycloakAdmin.setEnabled(dora.username(), true);
        eventually(dora::tokenRequest, a -> a.status() == 200, "restored after enabling");
        assertEquals("active", credentialView(dora.store(), dora.credential()).get("status").asText());
        assertEquals(1, auditTypes(dora.store(), "alice", "?type=member.restored").size());
    }

    @Test
    void liveTokensStopWhenTheOwnerIsDisabled() {
        String emil = KeycloakAdmin.newUser("emil");
        String store = tenant("elastic-path", "alice", "admin", emil, "member");
        Issued c = credential(store, emil, body("name", "emil's"));
        String token = clientCredentials(c.clientId(), c.secret()).json().get("access_token").asText();
        assertEquals(200, Store.get("/v2/products", token).status());

        KeycloakAdmin.setEnabled(emil, false);
        eventually(() -> Store.get("/v2/products", token), a -> a.status() == 401, "a live token refused");
        KeycloakAdmin.setEnabled(emil, true);
        eventually(() -> Store.get("/v2/products", token), a -> a.status() == 200, "and accepted again");
    }

    @Test
    void aUserDeletedInKeycloakLosesMembershipAndCredentials() {
        Member fay = newMemberWithCredential("fay");

        KeycloakAdmin.delete(fay.username());
        eventually(fay::tokenRequest, a -> a.status() == 401, "refused after deletion");
        assertEquals("revoked", credentialView(fay.store(), fay.credential()).get("status").asText());
        assertTrue(Http.get(tenantPath(fay.store(), "members"), "alice").json().findValuesAsText("username").stream()
                .noneMatch(fay.username()::equals), "the membership ends");
        JsonNode removed = Http.get(tenantPath(fay.store(), "audit-events?type=member.removed"), "alice").json().get("events");
        assertEquals(1, removed.size());
        assertEquals("keycloak", removed.get(0).get("actor").get("username").asText());
        assertTrue(removed.get(0).get("detail").asText().contains("deleted in Keycloak"), removed.toString());
        assertEquals(1, auditTypes(fay.store(), "alice", "?type=credential.revoked").size());
    }

    @Test
    void losingTheTenantsRealmRoleSuspendsAndRegainingItRestores() {
        String role = KeycloakAdmin.newRealmRole("store-team");
        String gus = KeycloakAdmin.newUser("gus");
        KeycloakAdmin.grant(gus, role);
        KeycloakAdmin.grant("alice", role);
        String slug = "roles-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = Http.post(TENANTS, "olivia", body("slug", slug, "name", "Role-gated", "policy", "elastic-path",
                "accessRole", role, "members", List.of(body("username", "alice", "role", "admin"), body("username", gus, "role", "member"))));
        assertEquals(201, created.status(), created.toString());
        assertEquals(role, created.json().get("accessRole").asText());
        Issued c = credential(slug, gus, body("name", "gus's"));
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());

        KeycloakAdmin.withdraw(gus, role);
        Answer refused = eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 401, "refused without the role");
        assertTrue(refused.json().get("error_description").asText().contains(role), refused.toString());
        KeycloakAdmin.grant(gus, role);
        eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 200, "restored with the role");
        assertEquals(List.of("member.restored", "member.suspended"),
                auditTypes(slug, "alice", "").stream().filter(t -> t.startsWith("member.s") || t.startsWith("member.r")).toList());
    }

    @Test
    void underSensediaCredentialsStopWhileTheirOwnerHasMfaAndFollowItBothWays() {
        String secret = "kwtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String ivy = KeycloakAdmin.newUserWithOtp("ivy", secret);
        assertTrue(Http.login(ivy, null).status() >= 400, "Keycloak asks for the one-time code");
        Answer login = Http.login(ivy, Totp.now(secret));
        assertEquals(200, login.status(), "a TOTP computed from the seeded secret: " + login);
        String ivyToken = login.json().get("access_token").asText();

        String console = tenant("sensedia", "alice", "super-admin", ivy, "super-admin");
        Issued c = credential(console, ivyToken, body("name", "ivy's"));
        Answer refused = clientCredentials(c.clientId(), c.secret());
        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.json().get("error_description").asText().contains("MFA"), refused.toString());

        KeycloakAdmin.removeOtp(ivy);
        eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 200, "works once MFA is removed");

        // ivy sets up an authenticator again, herself, on Keycloak's own page
        KeycloakAdmin.require(ivy, "CONFIGURE_TOTP");
        Browser browser = new Browser();
        Browser.Authorization authorization = Browser.consoleLogin("keyward", null);
        Browser.Page setup = browser.submit(browser.open(authorization.url()), Map.of("username", ivy, "password", "keyward"));
        String newSecret = setup.input("totpSecret");
        assertTrue(newSecret != null && !newSecret.isEmpty(), setup.text());
        Browser.Page done = browser.submit(setup, Map.of("totp", Totp.now(newSecret), "userLabel", "ivy's phone"));
        assertTrue(Browser.exchange(done.code(), authorization).contains("."), "logged in to the console");
        eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 401, "refused again once MFA is configured");
        assertEquals(2, auditTypes(console, "alice", "?type=member.mfa-changed").size());
    }

    @Test
    void removalRevokesAtOnceCanDisableTheKeycloakAccountAndLeavesEuidKeys() {
        String jo = KeycloakAdmin.newUser("jo");
        String slug = "removal-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Http.post(TENANTS, "olivia", body("slug", slug, "name", "Strict store", "policy", "elastic-path",
                "disableUserOnRemoval", true, "members", List.of(body("username", "alice", "role", "admin"),
                        body("username", jo, "role", "member")))).status());
        Issued c = credential(slug, jo, body("name", "jo's"));
        String live = clientCredentials(c.clientId(), c.secret()).json().get("access_token").asText();

        Answer removed = Http.delete(tenantPath(slug, "members", memberId(slug, "alice", jo)), "alice");
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(1, removed.json().get("credentialsRevoked").asInt());
        assertEquals(401, clientCredentials(c.clientId(), c.secret()).status(), "revoked in the same transaction");
        assertEquals(401, Store.get("/v2/products", live).status(), "and its live token stops at once");
        assertEquals(Boolean.FALSE, KeycloakAdmin.user(jo).toRepresentation().isEnabled(), "the tenant asked for the account to be disabled");
        assertTrue(Http.login(jo, null).status() >= 400, "jo can no longer log in");
        JsonNode event = Http.get(tenantPath(slug, "audit-events?type=member.removed"), "alice").json().get("events").get(0);
        assertTrue(event.get("detail").asText().contains("Keycloak account disabled"), event.toString());

        String kim = KeycloakAdmin.newUser("kim");
        String participant = tenant("euid", "alice", "super-admin", kim, "admin");
        Euid.Key key = Euid.key(participant, kim, "kim's key", "production", "mapper");
        Answer kept = Http.delete(tenantPath(participant, "members", memberId(participant, "alice", kim)), "alice");
        assertEquals(0, kept.json().get("credentialsRevoked").asInt());
        assertEquals("success", Euid.call("/v2/identity/map", key, "{\"email\":[\"kim@example.com\"]}").get("status").asText(),
                "under euid the participant's keys stay");
        assertEquals(Boolean.TRUE, KeycloakAdmin.user(kim).toRepresentation().isEnabled(), "and no account is touched unless asked");
    }

    static JsonNode credentialView(String store, Issued c) {
        return Http.get(tenantPath(store, "credentials", c.id()), "alice").json();
    }
}
