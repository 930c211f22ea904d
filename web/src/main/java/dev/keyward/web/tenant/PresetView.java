package dev.keyward.web.tenant;

import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.PolicySettings;
import java.util.List;
import java.util.Map;

/**
 * One preset on {@code GET /api/v1/policies}: every setting under the name a tenant's own policy uses in
 * {@link TenantView.PolicyView}, so a tenant's rules compare field by field with the preset they started from,
 * followed by what a new tenant of the preset starts with ({@code environments}, {@code freshMfaMinutes}) and the
 * rules in words.
 */
public record PresetView(String preset, String title, List<String> holderRoles, List<String> overseerRoles,
                         List<String> memberManagerRoles, String ownership, boolean oneActivePerMember,
                         Integer credentialLifetimeDays, long tokenLifetimeSeconds, boolean ownerOnlyChanges,
                         boolean revokeOnMemberRemoval, boolean permissionsChosen, boolean environmentRequired,
                         boolean denyFederatedLogins, boolean denyWhenOwnerHasMfa, boolean implicitTokensEnabled,
                         String credentialKind, List<String> permissionCatalogue, Map<String, String> permissionsOpen,
                         List<String> environments, Integer freshMfaMinutes, List<String> inWords) {

    public static PresetView of(PolicyPreset preset) {
        PolicySettings s = preset.settings();
        return new PresetView(preset.slug(), preset.title(), TenantView.roleSlugs(s.holders()), TenantView.roleSlugs(s.overseers()),
                TenantView.roleSlugs(s.memberManagers()), TenantView.ownershipOf(s), s.oneActivePerMember(),
                s.credentialLifetimeDays(), s.tokenLifetime().toSeconds(), s.ownerOnlyChanges(), s.revokeOnMemberRemoval(),
                s.permissionsChosen(), s.environmentRequired(), s.denyFederatedLogins(), s.denyWhenOwnerHasMfa(),
                s.implicitTokensEnabled(), s.credentialKind().slug(), Permission.catalogue(s.credentialKind()), TenantView.opens(s.credentialKind()), preset.defaultEnvironments(), preset.defaultFreshMfaMinutes(), preset.inWords());
    }
}
