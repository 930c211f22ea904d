package dev.keyward.domain.credential;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static dev.keyward.domain.Fixtures.NOW;
import static dev.keyward.domain.Fixtures.credential;
import static dev.keyward.domain.Fixtures.member;
import static dev.keyward.domain.Fixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether a credential may be used now, and the sentence its holder reads when it may not: each reason on its own. */
class CredentialStateTest {

    Tenant shop = tenant(PolicyPreset.ELASTIC_PATH);
    TeamMember alice = member(shop, "alice", MemberRole.ADMIN);

    @Test
    void anActiveCredentialOfAnActiveOwnerIsUsable() {
        assertEquals(Optional.empty(), credential(shop, alice, null).state().refusal(NOW));
    }

    @Test
    void aDisableEndsTheTokensIssuedBeforeItForGoodAndTokensIssuedAfterTheEnableWork() {
        ClientCredential c = credential(shop, alice, null);
        Instant disabledAt = NOW.plusMillis(10_400);
        c.disable(disabledAt);
        c.enable(null, disabledAt.plusMillis(300)); // within the same second
        CredentialState state = c.state();
        assertFalse(state.honoursTokenIssuedAt(NOW), "issued before the disable");
        assertFalse(state.honoursTokenIssuedAt(NOW.plusSeconds(10)), "issued in the second of the disable, before it or not");
        Instant issued = state.issuedAtFor(disabledAt.plusMillis(400));
        assertEquals(NOW.plusSeconds(11), issued, "a token made after the enable, in that same second, carries the next one");
        assertTrue(state.honoursTokenIssuedAt(issued));
        assertEquals(NOW.plusSeconds(30), state.issuedAtFor(NOW.plusSeconds(30)));
    }

    @Test
    void aTokenAServerIssuedBeforeItHeardOfTheDisableStaysDeadAfterTheEnable() {
        ClientCredential c = credential(shop, alice, null);
        c.disable(NOW.plusSeconds(10));
        c.enable(null, NOW.plusSeconds(20));
        assertFalse(c.state().honoursTokenIssuedAt(NOW.plusSeconds(11)), "issued at 11 s by a server whose copy was still active");
        assertTrue(c.state().honoursTokenIssuedAt(NOW.plusSeconds(21)));
    }

    @Test
    void aCredentialOfTheTenantHasNoOwnerToStopIt() {
        Tenant euid = tenant(PolicyPreset.EUID);
        TeamMember admin = member(euid, "admin", MemberRole.ADMIN);
        assertEquals(Optional.empty(), credential(euid, null, admin, null).state().refusal(NOW));
    }

    @Test
    void anExpiredCredentialIsRefusedFromItsExpiryOn() {
        CredentialState state = credential(shop, alice, NOW.plusSeconds(60)).state();
        assertEquals(Optional.empty(), state.refusal(NOW.plusSeconds(59)));
        assertEquals(Optional.of("This credential is expired."), state.refusal(NOW.plusSeconds(60)));
    }

    @Test
    void aDisabledCredentialIsRefused() {
        ClientCredential c = credential(shop, alice, null);
        c.disable(NOW);
        assertEquals(Optional.of("This credential is disabled."), c.state().refusal(NOW));
    }

    @Test
    void aRevokedCredentialIsRefused() {
        ClientCredential c = credential(shop, alice, null);
        c.revoke(alice, NOW, "leaked");
        assertEquals(Optional.of("This credential is revoked."), c.state().refusal(NOW));
    }

    @Test
    void aSuspendedOwnerStopsTheCredentialAndTheReasonSaysWhy() {
        ClientCredential c = credential(shop, alice, null);
        alice.follow(false, false, true);
        assertEquals(Optional.of("This credential is suspended: their Keycloak account is disabled."), c.state().refusal(NOW));
        alice.follow(true, false, true);
        assertEquals(Optional.empty(), c.state().refusal(NOW), "restored when Keycloak says so");
    }

    @Test
    void anOwnerWhoLeftTheTeamStopsTheCredential() {
        ClientCredential c = credential(shop, alice, null);
        alice.remove(NOW);
        assertEquals(Optional.of("The credential's owner is no longer a member of the tenant."), c.state().refusal(NOW));
    }

    @Test
    void underSensediaAnOwnerWithMfaStopsTheCredentialElsewhereNot() {
        Tenant sensedia = tenant(PolicyPreset.SENSEDIA);
        TeamMember root = member(sensedia, "root", MemberRole.SUPER_ADMIN);
        ClientCredential c = credential(sensedia, root, null);
        assertEquals(Optional.empty(), c.state().refusal(NOW));
        root.follow(true, true, true);
        assertEquals(Optional.of("This tenant's credentials do not work while their owner has MFA enabled in Keycloak."),
                c.state().refusal(NOW));

        alice.follow(true, true, true);
        assertEquals(Optional.empty(), credential(shop, alice, null).state().refusal(NOW), "Elastic Path keeps MFA owners' credentials working");
    }

    @Test
    void theStatusIsToldBeforeTheOwner() {
        ClientCredential c = credential(shop, alice, null);
        c.disable(NOW);
        alice.remove(NOW);
        assertEquals(Optional.of("This credential is disabled."), c.state().refusal(NOW));
    }

    @Test
    void aStateReadEarlierKeepsItsAnswer() {
        ClientCredential c = credential(shop, alice, null);
        CredentialState before = c.state();
        c.disable(NOW);
        assertEquals(Optional.empty(), before.refusal(NOW));
        assertEquals(Optional.of("This credential is disabled."), c.state().refusal(NOW));
    }
}
