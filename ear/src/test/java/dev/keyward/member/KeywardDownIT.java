package dev.keyward.member;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Server;
import dev.keyward.it.TenantFixtures.Member;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.newMemberWithCredential;
import static dev.keyward.member.FollowingKeycloakIT.credentialView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens in Keycloak while Keyward is not running is caught up when it starts again. Keyward is stopped once for
 * both cases: meanwhile hal is deleted from Keycloak and ivan disabled there.
 */
class KeywardDownIT {

    private static Member hal;
    private static Member ivan;
    /** Ivan's first token request after the start, sent at once. */
    private static Answer ivansFirst;

    @BeforeAll
    static void keycloakChangesWhileKeywardIsStopped() {
        hal = newMemberWithCredential("hal");
        ivan = newMemberWithCredential("ivan");

        Server.stopKeyward();
        try {
            KeycloakAdmin.delete(hal.username());
            KeycloakAdmin.setEnabled(ivan.username(), false);
            pause(6_000); // past the event feed's look-back: only the full reconciliation at start can catch this
        } finally {
            Server.startKeyward();
        }
        // no waiting: the very first request after the start, not one after the first reconciliation tick
        ivansFirst = ivan.tokenRequest();
    }

    @Test
    void aUserDeletedWhileKeywardWasStoppedIsRevokedAtTheNextStart() {
        eventually(hal::tokenRequest, a -> a.status() == 401, "refused after the restart");
        assertEquals("revoked", credentialView(hal.store(), hal.credential()).get("status").asText());
        var removed = Http.get(tenantPath(hal.store(), "audit-events?type=member.removed"), "alice").json().get("events");
        assertEquals(1, removed.size(), removed.toString());
        assertTrue(removed.get(0).get("detail").asText().contains("reconciliation"), removed.toString());
    }

    @Test
    void aPersonDisabledWhileKeywardWasStoppedGetsNoTokenFromItsFirstMoment() {
        assertEquals(401, ivansFirst.status(), ivansFirst.toString());
        KeycloakAdmin.setEnabled(ivan.username(), true);
        eventually(ivan::tokenRequest, a -> a.status() == 200, "restored once enabled again");
    }
}
