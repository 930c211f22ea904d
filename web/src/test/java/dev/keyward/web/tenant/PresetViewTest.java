package dev.keyward.web.tenant;

import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The presets on the wire, and that a new tenant's policy shows the same values under the same names. */
class PresetViewTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void sensediaAsTheApiShowsIt() {
        PresetView sensedia = PresetView.of(PolicyPreset.SENSEDIA);
        assertEquals("sensedia", sensedia.preset());
        assertEquals("Sensedia", sensedia.title());
        assertEquals(List.of("super-admin"), sensedia.holderRoles());
        assertEquals("member", sensedia.ownership());
        assertEquals(3650, sensedia.credentialLifetimeDays());
        assertEquals(86400, sensedia.tokenLifetimeSeconds());
        assertEquals(List.of("production"), sensedia.environments());
        assertNull(sensedia.freshMfaMinutes());
        assertEquals(PolicyPreset.SENSEDIA.inWords(), sensedia.inWords());
    }

    @Test
    void euidAsTheApiShowsIt() {
        PresetView euid = PresetView.of(PolicyPreset.EUID);
        assertEquals(List.of("super-admin", "admin"), euid.holderRoles());
        assertEquals("tenant", euid.ownership());
        assertNull(euid.credentialLifetimeDays());
        assertEquals(List.of("integration", "production"), euid.environments());
        assertEquals(15, euid.freshMfaMinutes());
    }

    @Test
    void aNewTenantsPolicyViewMatchesItsPresetFieldByField() {
        for (PolicyPreset preset : PolicyPreset.values()) {
            PresetView p = PresetView.of(preset);
            TenantView.PolicyView t = TenantView.of(new Tenant("t-" + preset.slug(), "T", preset, null, NOW)).policy();
            List<Object> fromPreset = List.of(p.preset(), p.holderRoles(), p.overseerRoles(), p.memberManagerRoles(),
                    p.ownership(), p.oneActivePerMember(), String.valueOf(p.credentialLifetimeDays()), p.tokenLifetimeSeconds(),
                    p.ownerOnlyChanges(), p.revokeOnMemberRemoval(), p.permissionsChosen(), p.environmentRequired(),
                    p.denyFederatedLogins(), p.denyWhenOwnerHasMfa(), p.implicitTokensEnabled(), p.inWords());
            List<Object> fromTenant = List.of(t.preset(), t.holderRoles(), t.overseerRoles(), t.memberManagerRoles(),
                    t.ownership(), t.oneActivePerMember(), String.valueOf(t.credentialLifetimeDays()), t.tokenLifetimeSeconds(),
                    t.ownerOnlyChanges(), t.revokeOnMemberRemoval(), t.permissionsChosen(), t.environmentRequired(),
                    t.denyFederatedLogins(), t.denyWhenOwnerHasMfa(), t.implicitTokensEnabled(), t.inWords());
            assertEquals(fromPreset, fromTenant, preset.slug());
        }
    }
}
