package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.keyward.domain.Fixtures.tenant;
import static dev.keyward.domain.member.MemberRole.ADMIN;
import static dev.keyward.domain.member.MemberRole.MEMBER;
import static dev.keyward.domain.member.MemberRole.SUPER_ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preset's settings, setting by setting, and the builder they are written with. */
class PolicyPresetTest {

    private static PolicyPreset.Builder named() {
        return new PolicyPreset.Builder().holders(ADMIN).overseers(ADMIN).memberManagers(ADMIN)
                .tokensLast(Duration.ofMinutes(10)).environments("production");
    }

    @Test
    void elasticPath() {
        PolicySettings s = PolicyPreset.ELASTIC_PATH.settings();
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN, MEMBER), s.holders());
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN), s.overseers());
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN), s.memberManagers());
        assertEquals(CredentialOwnership.MEMBER, s.ownership());
        assertTrue(s.oneActivePerMember());
        assertNull(s.credentialLifetimeDays());
        assertEquals(Duration.ofSeconds(3600), s.tokenLifetime());
        assertFalse(s.ownerOnlyChanges());
        assertTrue(s.revokeOnMemberRemoval());
        assertFalse(s.permissionsChosen());
        assertFalse(s.environmentRequired());
        assertFalse(s.denyFederatedLogins());
        assertFalse(s.denyWhenOwnerHasMfa());
        assertTrue(s.implicitTokensEnabled());
        assertEquals(List.of("production"), PolicyPreset.ELASTIC_PATH.defaultEnvironments());
        assertEquals(15, PolicyPreset.ELASTIC_PATH.defaultFreshMfaMinutes());
    }

    @Test
    void sensedia() {
        PolicySettings s = PolicyPreset.SENSEDIA.settings();
        assertEquals(EnumSet.of(SUPER_ADMIN), s.holders());
        assertEquals(EnumSet.of(SUPER_ADMIN), s.overseers());
        assertEquals(EnumSet.of(SUPER_ADMIN), s.memberManagers());
        assertEquals(CredentialOwnership.MEMBER, s.ownership());
        assertTrue(s.oneActivePerMember());
        assertEquals(3650, s.credentialLifetimeDays());
        assertEquals(Duration.ofSeconds(86400), s.tokenLifetime());
        assertTrue(s.ownerOnlyChanges());
        assertTrue(s.revokeOnMemberRemoval());
        assertFalse(s.permissionsChosen());
        assertFalse(s.environmentRequired());
        assertTrue(s.denyFederatedLogins());
        assertTrue(s.denyWhenOwnerHasMfa());
        assertFalse(s.implicitTokensEnabled());
        assertEquals(List.of("production"), PolicyPreset.SENSEDIA.defaultEnvironments());
        assertNull(PolicyPreset.SENSEDIA.defaultFreshMfaMinutes());
    }

    @Test
    void euid() {
        PolicySettings s = PolicyPreset.EUID.settings();
        assertEquals(CredentialKind.EUID_KEY, s.credentialKind(), "keys are the operator's API keys with client secrets");
        assertEquals(CredentialKind.OAUTH_CLIENT, PolicyPreset.SENSEDIA.settings().credentialKind());
        assertEquals(CredentialKind.OAUTH_CLIENT, PolicyPreset.ELASTIC_PATH.settings().credentialKind());
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN), s.holders());
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN), s.overseers());
        assertEquals(EnumSet.of(SUPER_ADMIN, ADMIN), s.memberManagers());
        assertEquals(CredentialOwnership.TENANT, s.ownership());
        assertFalse(s.oneActivePerMember());
        assertNull(s.credentialLifetimeDays());
        assertEquals(Duration.ofSeconds(3600), s.tokenLifetime());
        assertFalse(s.ownerOnlyChanges());
        assertFalse(s.revokeOnMemberRemoval());
        assertTrue(s.permissionsChosen());
        assertTrue(s.environmentRequired());
        assertFalse(s.denyFederatedLogins());
        assertFalse(s.denyWhenOwnerHasMfa());
        assertFalse(s.implicitTokensEnabled());
        assertEquals(List.of("integration", "production"), PolicyPreset.EUID.defaultEnvironments());
        assertEquals(15, PolicyPreset.EUID.defaultFreshMfaMinutes());
    }

    @Test
    void aNewTenantsPolicyHoldsItsPresetsSettingsAndSaysTheSameWords() {
        for (PolicyPreset preset : PolicyPreset.values()) {
            CredentialPolicy policy = tenant(preset).policy();
            assertEquals(preset.settings(), policy.settings(), preset.slug());
            assertEquals(preset.inWords(), policy.inWords(), preset.slug());
        }
    }

    @Test
    void shorteningATenantsTokensLeavesThePresetAlone() {
        CredentialPolicy policy = tenant(PolicyPreset.SENSEDIA).policy();
        policy.shortenTokens(600);
        assertEquals(Duration.ofMinutes(10), policy.settings().tokenLifetime());
        assertEquals(Duration.ofDays(1), PolicyPreset.SENSEDIA.settings().tokenLifetime());
    }

    @Test
    void everyRuleABuilderDoesNotNameIsOff() {
        PolicySettings s = named().settings();
        assertEquals(CredentialOwnership.MEMBER, s.ownership());
        assertNull(s.credentialLifetimeDays());
        assertFalse(s.oneActivePerMember() || s.ownerOnlyChanges() || s.revokeOnMemberRemoval() || s.permissionsChosen()
                || s.environmentRequired() || s.denyFederatedLogins() || s.denyWhenOwnerHasMfa() || s.implicitTokensEnabled());
    }

    @Test
    void eachStepTurnsOnItsOwnRule() {
        PolicySettings s = named().ownedByTenant().oneActivePerMember().expiresAfterDays(30).ownerOnlyChanges()
                .revokeOnMemberRemoval().permissionsChosenPerCredential().environmentRequired().denyFederatedLogins()
                .denyWhenOwnerHasMfa().implicitTokens().settings();
        assertEquals(CredentialOwnership.TENANT, s.ownership());
        assertEquals(30, s.credentialLifetimeDays());
        assertTrue(s.oneActivePerMember() && s.ownerOnlyChanges() && s.revokeOnMemberRemoval() && s.permissionsChosen()
                && s.environmentRequired() && s.denyFederatedLogins() && s.denyWhenOwnerHasMfa() && s.implicitTokensEnabled());
        assertEquals(Duration.ofMinutes(10), s.tokenLifetime());
    }

    @Test
    void rolesTokenLifetimeAndEnvironmentsMustBeNamed() {
        assertThrows(IllegalArgumentException.class, () -> new PolicyPreset.Builder().overseers(ADMIN).memberManagers(ADMIN)
                .tokensLast(Duration.ofHours(1)).environments("production").settings());
        assertThrows(IllegalArgumentException.class, () -> new PolicyPreset.Builder().holders(ADMIN).overseers(ADMIN)
                .memberManagers(ADMIN).environments("production").settings());
        assertThrows(IllegalStateException.class, () -> new PolicyPreset.Builder().holders(ADMIN).overseers(ADMIN)
                .memberManagers(ADMIN).tokensLast(Duration.ofHours(1)).settings());
        assertThrows(IllegalArgumentException.class, () -> named().tokensLast(Duration.ofMillis(1500)).settings());
        assertThrows(IllegalArgumentException.class, () -> named().expiresAfterDays(0).settings());
    }

    @Test
    void roleSetsCannotBeChangedAndKeepTheRolesOwnOrder() {
        PolicySettings s = named().settings();
        assertThrows(UnsupportedOperationException.class, () -> s.holders().add(MEMBER));
        assertEquals(List.of(SUPER_ADMIN, ADMIN), List.copyOf(PolicyPreset.EUID.settings().holders()));
    }
}
