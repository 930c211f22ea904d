package dev.keyward.member;

import dev.keyward.it.Deployments;
import dev.keyward.it.Http;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.TenantFixtures.Issued;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.member.FollowingKeycloakIT.credentialView;
import static dev.keyward.member.FollowingKeycloakIT.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens in Keycloak while Keyward is not running is caught up when it starts again. */
@ExtendWith(ArquillianExtension.class)
class KeywardDownIT {

    @Deployment(name = "keyward", managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.keyward();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aUserDeletedWhileKeywardWasStoppedIsRevokedAtTheNextStart() {
        deployer.deploy("keyward");
        String hal = KeycloakAdmin.newUser("hal");
        String store = tenant("elastic-path", "alice", "admin", hal, "member");
        Issued c = credential(store, hal, body("name", "hal's"));
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());

        deployer.undeploy("keyward");
        KeycloakAdmin.delete(hal);
        pause(); // past the event feed's look-back: only the full reconciliation at start can catch this
        deployer.deploy("keyward");

        until(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 401, "refused after the restart");
        assertEquals("revoked", credentialView(store, c).get("status").asText());
        var removed = Http.get("/api/v1/tenants/" + store + "/audit-events?type=member.removed", "alice").json().get("events");
        assertEquals(1, removed.size(), removed.toString());
        assertTrue(removed.get(0).get("detail").asText().contains("reconciliation"), removed.toString());
        deployer.undeploy("keyward");
    }

    private static void pause() {
        try {
            Thread.sleep(6_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
