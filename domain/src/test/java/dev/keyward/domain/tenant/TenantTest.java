package dev.keyward.domain.tenant;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.shared.StepUpRequiredException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantTest {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    Tenant tenant = new Tenant("shop", "Shop", PolicyPreset.ELASTIC_PATH, null, NOW);

    TeamMember member(MemberRole role, boolean mfa) {
        TeamMember m = new TeamMember(tenant, "sub-" + role, role.slug(), null, role, NOW);
        m.follow(true, mfa, true);
        return m;
    }

    @Test
    void admittingSomeoneNewMakesAnActiveMembershipWithTheRoleGiven() {
        TeamMember bob = tenant.admit(null, "sub-bob", "bob", "bob@example.test", MemberRole.ADMIN, NOW);
        assertTrue(bob.isActive());
        assertEquals(tenant, bob.tenant());
        assertEquals("sub-bob", bob.subject());
        assertEquals("bob", bob.username());
        assertEquals("bob@example.test", bob.email());
        assertEquals(MemberRole.ADMIN, bob.role());
        assertEquals(NOW, bob.addedAt());
    }

    @Test
    void admittingSomeoneRemovedGivesTheirMembershipBackWithTheNewRole() {
        TeamMember bob = tenant.admit(null, "sub-bob", "bob", null, MemberRole.ADMIN, NOW);
        bob.remove(NOW.plusSeconds(60));

        TeamMember again = tenant.admit(bob, "sub-bob", "bob", null, MemberRole.MEMBER, NOW.plusSeconds(120));
        assertSame(bob, again);
        assertTrue(again.isActive());
        assertEquals(MemberRole.MEMBER, again.role());
        assertEquals(NOW.plusSeconds(120), again.addedAt());
    }

    @Test
    void admittingSomeoneWhoIsAMemberAlreadyIsRefused() {
        TeamMember bob = tenant.admit(null, "sub-bob", "bob", null, MemberRole.MEMBER, NOW);
        DomainException refused = assertThrows(DomainException.class,
                () -> tenant.admit(bob, "sub-bob", "bob", null, MemberRole.ADMIN, NOW));
        assertEquals("already-member", refused.type());
        assertEquals(MemberRole.MEMBER, bob.role(), "the membership is unchanged");
    }

    @Test
    void theStepUpIsOnByDefaultForStoresAndParticipantsAndOffUnderSensedia() {
        assertEquals(15, tenant.freshMfaMinutes());
        assertEquals(15, new Tenant("p", "P", PolicyPreset.EUID, null, NOW).freshMfaMinutes());
        Tenant console = new Tenant("c", "C", PolicyPreset.SENSEDIA, null, NOW);
        assertEquals(null, console.freshMfaMinutes());
        tenant.requireFreshMfa(null);
        assertDoesNotThrow(() -> tenant.checkFreshMfa(member(MemberRole.ADMIN, false), false, null, NOW), "turned off");
    }

    @Test
    void adminsNeedMfaConfiguredARecentLoginAndALoginAtThisRealm() {
        tenant.requireFreshMfa(15);
        TeamMember admin = member(MemberRole.ADMIN, true);
        assertDoesNotThrow(() -> tenant.checkFreshMfa(admin, false, NOW.minusSeconds(14 * 60), NOW));

        StepUpRequiredException stale = assertThrows(StepUpRequiredException.class,
                () -> tenant.checkFreshMfa(admin, false, NOW.minusSeconds(16 * 60), NOW));
        assertEquals(900, stale.maxAgeSeconds());
        assertThrows(StepUpRequiredException.class, () -> tenant.checkFreshMfa(admin, false, null, NOW), "no auth_time");
        assertThrows(StepUpRequiredException.class, () -> tenant.checkFreshMfa(admin, true, NOW, NOW), "brokered elsewhere");
        StepUpRequiredException noMfa = assertThrows(StepUpRequiredException.class,
                () -> tenant.checkFreshMfa(member(MemberRole.SUPER_ADMIN, false), false, NOW, NOW));
        assertTrue(noMfa.detail().contains("no MFA configured"));
        assertDoesNotThrow(() -> tenant.checkFreshMfa(member(MemberRole.MEMBER, false), false, null, NOW), "members are not asked");
    }

    @Test
    void theWindowIsBoundedAndTheAccessRoleGatesMembers() {
        assertThrows(DomainException.class, () -> tenant.requireFreshMfa(0));
        assertThrows(DomainException.class, () -> tenant.requireFreshMfa(1441));
        assertTrue(tenant.admits(Set.of()));
        tenant.requireRealmRole("store-team");
        assertFalse(tenant.admits(Set.of("other")));
        assertTrue(tenant.admits(Set.of("store-team", "other")));
    }

    @Test
    void anEuidParticipantHasEuidsTwoEnvironmentsAndOneSite() {
        assertEquals("invalid-environment", assertThrows(DomainException.class,
                () -> new Tenant("p", "P", PolicyPreset.EUID, List.of("integration", "staging"), NOW)).type());
        Tenant participant = new Tenant("p", "P", PolicyPreset.EUID, List.of("production"), NOW);
        participant.assignEuidSite(7);
        assertEquals(7, participant.euidSiteId());
        assertThrows(IllegalStateException.class, () -> participant.assignEuidSite(8), "a site is given once");
        assertThrows(IllegalStateException.class, () -> new Tenant("s", "S", PolicyPreset.ELASTIC_PATH, null, NOW).assignEuidSite(1));
    }

    @Test
    void aTenantMayRequireDpopAnEuidParticipantToo() {
        assertEquals(DpopRule.OPTIONAL, tenant.dpop(), "a new tenant lets clients bind tokens, and asks nothing");
        tenant.requireDpop(new DpopRule(true, true));
        assertEquals(new DpopRule(true, true), tenant.dpop());
        assertEquals("required, with server nonces", tenant.dpop().toString());
        tenant.requireDpop(DpopRule.OPTIONAL);
        assertEquals(DpopRule.OPTIONAL, tenant.dpop());

        // its keys get no access tokens: the API key is what a proof binds (ClientCredentialTest, EuidDpopIT)
        Tenant participant = new Tenant("p", "P", PolicyPreset.EUID, null, NOW);
        participant.requireDpop(new DpopRule(true, false));
        assertEquals(new DpopRule(true, false), participant.dpop());
        participant.requireDpop(DpopRule.OPTIONAL);
        assertEquals(DpopRule.OPTIONAL, participant.dpop());
    }

    @Test
    void breakingTheGlassNeedsAnOperatorOrAnAllowedSuperAdminAReasonAndAFreshMfaLogin() {
        String reason = "the secret is in a public gist";
        TeamMember superAdmin = member(MemberRole.SUPER_ADMIN, true);
        TeamMember admin = member(MemberRole.ADMIN, true);
        Instant fresh = NOW.minusSeconds(60);

        assertEquals("break-glass-reason", assertThrows(DomainException.class,
                () -> tenant.checkMayBreakGlass(true, null, true, false, fresh, "too short", NOW)).type());
        assertEquals("break-glass-reason", assertThrows(DomainException.class,
                () -> tenant.checkMayBreakGlass(true, null, true, false, fresh, "x".repeat(501), NOW)).type());
        assertDoesNotThrow(() -> tenant.checkMayBreakGlass(true, null, true, false, fresh, reason, NOW), "an operator, member or not");
        assertThrows(PolicyRefusedException.class, () -> tenant.checkMayBreakGlass(false, superAdmin, true, false, fresh, reason, NOW),
                "a super admin only where the tenant allows it");
        tenant.allowBreakGlassBySuperAdmins(true);
        assertDoesNotThrow(() -> tenant.checkMayBreakGlass(false, superAdmin, true, false, fresh, reason, NOW));
        assertThrows(PolicyRefusedException.class, () -> tenant.checkMayBreakGlass(false, admin, true, false, fresh, reason, NOW),
                "never an admin");
        assertThrows(StepUpRequiredException.class, () -> tenant.checkMayBreakGlass(false, superAdmin, false, false, fresh, reason, NOW),
                "no MFA configured");
        assertThrows(StepUpRequiredException.class, () -> tenant.checkMayBreakGlass(false, superAdmin, true, true, fresh, reason, NOW),
                "a federated login says nothing of MFA here");
        StepUpRequiredException stale = assertThrows(StepUpRequiredException.class,
                () -> tenant.checkMayBreakGlass(true, null, true, false, NOW.minusSeconds(301), reason, NOW));
        assertEquals(300, stale.maxAgeSeconds(), "the challenge says how fresh");
    }
}
