package dev.keyward.domain.member;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import org.junit.jupiter.api.Test;

import static dev.keyward.domain.Fixtures.NOW;
import static dev.keyward.domain.Fixtures.member;
import static dev.keyward.domain.Fixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamMemberTest {

    Tenant tenant = tenant(PolicyPreset.SENSEDIA);

    @Test
    void onlyASuperAdminGrantsOrChangesSuperAdmin() {
        TeamMember admin = member(tenant, "a", MemberRole.ADMIN);
        TeamMember root = member(tenant, "r", MemberRole.SUPER_ADMIN);
        TeamMember bob = member(tenant, "b", MemberRole.MEMBER);

        assertThrows(PolicyRefusedException.class, () -> bob.changeRole(MemberRole.SUPER_ADMIN, admin));
        assertThrows(PolicyRefusedException.class, () -> root.changeRole(MemberRole.MEMBER, admin));
        bob.changeRole(MemberRole.SUPER_ADMIN, root);
        assertEquals(MemberRole.SUPER_ADMIN, bob.role());
    }

    @Test
    void onlyASuperAdminMayGiveTheSuperAdminRole() {
        TeamMember admin = member(tenant, "a", MemberRole.ADMIN);
        TeamMember root = member(tenant, "r", MemberRole.SUPER_ADMIN);

        PolicyRefusedException refused = assertThrows(PolicyRefusedException.class, () -> admin.checkMayGive(MemberRole.SUPER_ADMIN));
        assertEquals("super-admin-grant", refused.rule());
        assertEquals("Only a super admin may make someone a super admin.", refused.detail());
        admin.checkMayGive(MemberRole.ADMIN);
        admin.checkMayGive(MemberRole.MEMBER);
        for (MemberRole role : MemberRole.values()) {
            root.checkMayGive(role);
        }
    }

    @Test
    void aRemovedMemberCanRejoinButAnActiveOneCannotJoinTwice() {
        TeamMember bob = member(tenant, "b", MemberRole.MEMBER);
        assertEquals("already-member", assertThrows(DomainException.class, () -> bob.rejoin(MemberRole.ADMIN, NOW)).type());
        bob.remove(NOW);
        assertFalse(bob.isActive());
        bob.rejoin(MemberRole.ADMIN, NOW);
        assertTrue(bob.isActive());
        assertEquals(MemberRole.ADMIN, bob.role());
    }

    @Test
    void rolesAreNamedByTheirSlug() {
        assertEquals(MemberRole.SUPER_ADMIN, MemberRole.fromSlug("super-admin"));
        assertEquals("unknown-role", assertThrows(DomainException.class, () -> MemberRole.fromSlug("owner")).type());
    }
}
