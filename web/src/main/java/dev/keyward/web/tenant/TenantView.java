package dev.keyward.web.tenant;

import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.tenant.CredentialPolicy;
import dev.keyward.domain.tenant.Tenant;
import java.time.Instant;
import java.util.List;

/** A tenant and its policy, as the API shows them. */
public record TenantView(String slug, String name, List<String> environments, String accessRole, boolean disableUserOnRemoval,
                         Integer freshMfaMinutes, PolicyView policy, Instant createdAt) {

    public static TenantView of(Tenant t) {
        return new TenantView(t.slug(), t.name(), t.environments(), t.accessRole(), t.disablesUserOnRemoval(),
                t.freshMfaMinutes(), PolicyView.of(t.policy()), t.createdAt());
    }

    /** Every rule of the policy, named as the preset documents name them. */
    public record PolicyView(String preset, List<String> holderRoles, List<String> overseerRoles,
                             List<String> memberManagerRoles, String ownership, boolean oneActivePerMember,
                             Integer credentialLifetimeDays, long tokenLifetimeSeconds, boolean ownerOnlyChanges,
                             boolean revokeOnMemberRemoval, boolean permissionsChosen, boolean environmentRequired,
                             boolean denyFederatedLogins, boolean denyWhenOwnerHasMfa, boolean implicitTokensEnabled,
                             List<String> permissionCatalogue, List<String> inWords) {

        static PolicyView of(CredentialPolicy p) {
            return new PolicyView(p.preset().slug(), roles(p.holderRoles()), roles(p.overseerRoles()),
                    roles(p.memberManagerRoles()), p.ownership().name().toLowerCase(java.util.Locale.ROOT),
                    p.oneActivePerMember(), p.credentialLifetimeDays(), p.tokenLifetime().toSeconds(), p.ownerOnlyChanges(),
                    p.revokesOnMemberRemoval(), p.permissionsChosen(), p.environmentRequired(), p.deniesFederatedLogins(),
                    p.refusesOwnerWithMfa(), p.implicitTokensEnabled(), Permission.catalogue(), p.inWords());
        }

        private static List<String> roles(java.util.Set<MemberRole> roles) {
            return roles.stream().map(MemberRole::slug).toList();
        }
    }
}
