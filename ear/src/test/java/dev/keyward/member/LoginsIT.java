package dev.keyward.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Browser;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Totp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How people sign in decides what they may do. Seed 001: "it is not possible to generate client credentials
 * using federated logins": Pat signs in to the keyward realm through the partner realm, a second identity
 * provider on the same Keycloak, with the console's own authorization-code flow; Keycloak, not a naming
 * convention, says the login is federated. Beyond the seeds: a tenant can ask admins for a fresh MFA login.
 */
class LoginsIT {

    @Test
    void aFederatedLoginCannotGenerateCredentialsUnderSensediaButCanElsewhere() {
        Browser browser = new Browser();
        Browser.Authorization authorization = Browser.consoleLogin("keyward", "&kc_idp_hint=partner");
        Browser.Page partner = browser.open(authorization.url());
        assertTrue(partner.uri().getPath().startsWith("/realms/partner/"), "the partner's own login page: " + partner.uri());
        Browser.Page page = browser.submit(partner, Map.of("username", "pat", "password", "keyward"));
        for (int step = 0; step < 3 && page.leftTo() == null; step++) {
            page = browser.submit(page, Map.of()); // first broker login: Keycloak may ask to review the imported profile
        }
        String token = Browser.exchange(page.code(), authorization);

        JsonNode me = Http.get("/api/v1/me", token).json();
        assertTrue(me.get("federated").asBoolean(), me.toString());
        String pat = me.get("username").asText();
        JsonNode alice = Http.get("/api/v1/me", "alice").json();
        assertFalse(alice.get("federated").asBoolean(), "a password login at Keyward's own realm is not federated");

        String console = tenant("sensedia", "alice", "super-admin", pat, "super-admin");
        Answer refused = Http.post(tenantPath(console, "credentials"), token, body("name", "pat's"));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().get("detail").asText().toLowerCase().contains("federated"), refused.toString());
        assertEquals(1, auditTypes(console, "alice", "?type=policy.refused").size());

        String store = tenant("elastic-path", "alice", "admin", pat, "admin");
        Answer allowed = Http.post(tenantPath(store, "credentials"), token, body("name", "pat's"));
        assertEquals(201, allowed.status(), "other presets allow federated logins: " + allowed);
    }

    @Test
    void aTenantAsksAdminsForAFreshMfaLoginToCreateOrRotateCredentials() {
        String secret = "kwtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String una = KeycloakAdmin.newUserWithOtp("una", secret);
        String slug = "stepup-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Http.post(TENANTS, "olivia", body("slug", slug, "name", "Careful store", "policy", "elastic-path",
                "freshMfaMinutes", 5, "members", List.of(body("username", "alice", "role", "admin"),
                        body("username", una, "role", "admin"), body("username", "bob", "role", "member")))).status());
        String credentials = tenantPath(slug, "credentials");
        assertEquals(5, Http.get(tenantPath(slug), "alice").json().get("freshMfaMinutes").asInt());
        String byDefault = "default-" + UUID.randomUUID().toString().substring(0, 8);
        Answer defaults = Http.post(TENANTS, "olivia", body("slug", byDefault, "name", "Default store", "policy", "euid"));
        assertEquals(15, defaults.json().get("freshMfaMinutes").asInt(), "on by default for euid and elastic-path: " + defaults);

        Answer noMfa = Http.post(credentials, "alice", body("name", "alice's"));
        assertProblem(noMfa, 401, "step-up-required");
        assertTrue(noMfa.json().get("detail").asText().contains("no MFA configured"), noMfa.toString());
        assertEquals(201, Http.post(credentials, "bob", body("name", "bob's")).status(), "members are not asked");

        Answer cli = Http.login(una, Totp.now(secret));
        Answer stale = Http.post(credentials, cli.json().get("access_token").asText(), body("name", "una's"));
        assertEquals(401, stale.status(), "a command-line login carries no auth_time: " + stale);
        String challenge = stale.header("WWW-Authenticate");
        assertTrue(challenge.contains("error=\"insufficient_user_authentication\"") && challenge.contains("max_age=300"), challenge);

        Browser browser = new Browser();
        Browser.Authorization authorization = Browser.consoleLogin("keyward", "&max_age=300");
        Browser.Page otp = browser.submit(browser.open(authorization.url()), Map.of("username", una, "password", "keyward"));
        assertTrue(otp.inputs().containsKey("otp"), "Keycloak asks for the one-time code: " + otp.text());
        String fresh = Browser.exchange(browser.submit(otp, Map.of("otp", Totp.next(secret))).code(), authorization);
        Answer created = Http.post(credentials, fresh, body("name", "una's"));
        assertEquals(201, created.status(), "a fresh MFA login from the console: " + created);
        Answer rotated = Http.post(credentials + "/" + created.json().get("id").asText() + "/rotate", fresh, body("graceSeconds", 0));
        assertEquals(200, rotated.status(), rotated.toString());
    }
}
