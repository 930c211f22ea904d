package dev.keyward.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Browser;
import dev.keyward.it.Deployments;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001: "it is not possible to generate client credentials using federated logins". Pat signs in to the
 * keyward realm through the partner realm, a second identity provider on the same Keycloak, with the
 * console's own authorization-code flow; Keycloak, not a naming convention, says the login is federated.
 */
@ExtendWith(ArquillianExtension.class)
class FederatedLoginIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.keyward();
    }

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
        Answer refused = Http.post("/api/v1/tenants/" + console + "/credentials", token, body("name", "pat's"));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.json().get("detail").asText().toLowerCase().contains("federated"), refused.toString());
        assertEquals(1, auditTypes(console, "alice", "?type=policy.refused").size());

        String store = tenant("elastic-path", "alice", "admin", pat, "admin");
        Answer allowed = Http.post("/api/v1/tenants/" + store + "/credentials", token, body("name", "pat's"));
        assertEquals(201, allowed.status(), "other presets allow federated logins: " + allowed);
    }
}
