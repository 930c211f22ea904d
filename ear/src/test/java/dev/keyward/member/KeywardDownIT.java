package dev.keyward.member;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Server;
import dev.keyward.it.TenantFixtures.Issued;
import dev.keyward.it.TenantFixtures.Member;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.newMemberWithCredential;
import static dev.keyward.member.FollowingKeycloakIT.credentialView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens in Keycloak while Keyward is not running is caught up when it starts again. */
class KeywardDownIT {

    @Test
    void aUserDeletedWhileKeywardWasStoppedIsRevokedAtTheNextStart() {
        Member halMember = newMemberWithCredential("hal");
        String hal = halMember.username();
        String store = halMember.store();
        Issued c = halMember.credential();

        Server.stopKeyward();
        try {
            KeycloakAdmin.delete(hal);
            pause(6_000); // past the event feed's look-back: only the full reconciliation at start can catch this
        } finally {
            Server.startKeyward();
        }

        eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 401, "refused after the restart");
        assertEquals("revoked", credentialView(store, c).get("status").asText());
        var removed = Http.get(tenantPath(store, "audit-events?type=member.removed"), "alice").json().get("events");
        assertEquals(1, removed.size(), removed.toString());
        assertTrue(removed.get(0).get("detail").asText().contains("reconciliation"), removed.toString());
    }

    @Test
    void aPersonDisabledWhileKeywardWasStoppedGetsNoTokenFromItsFirstMoment() {
        Member ivanMember = newMemberWithCredential("ivan");
        String ivan = ivanMember.username();
        String store = ivanMember.store();
        Issued c = ivanMember.credential();

        Server.stopKeyward();
        try {
            KeycloakAdmin.setEnabled(ivan, false);
        } finally {
            Server.startKeyward();
        }
        // no waiting: the very first request after the start is refused, not one after the first reconciliation tick
        Answer first = clientCredentials(c.clientId(), c.secret());
        assertEquals(401, first.status(), first.toString());
        KeycloakAdmin.setEnabled(ivan, true);
        eventually(() -> clientCredentials(c.clientId(), c.secret()), a -> a.status() == 200, "restored once enabled again");
    }
}
