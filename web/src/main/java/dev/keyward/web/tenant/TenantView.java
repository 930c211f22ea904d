package dev.keyward.web.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.tenant.CredentialPolicy;
import dev.keyward.domain.tenant.PolicySettings;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.web.credential.RateLimitBody;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A tenant and its policy, as the API shows them. */
public record TenantView(String slug, String name, List<String> environments, String accessRole, boolean disableUserOnRemoval,
                         Integer freshMfaMinutes, RateLimitBody rateLimit, Integer euidSiteId, PolicyView policy, Instant createdAt,
                         boolean breakGlassBySuperAdmins, Integer dormantAfterDays, List<Integer> expiryNoticeDays, DpopBody dpop) {

    public static TenantView of(Tenant t) {
        return new TenantView(t.slug(), t.name(), t.environments(), t.accessRole(), t.disablesUserOnRemoval(),
                t.freshMfaMinutes(), RateLimitBody.of(t.rateLimit()), t.euidSiteId(), PolicyView.of(t.policy()), t.createdAt(),
                t.breakGlassBySuperAdmins(), t.dormantAfterDays(), t.expiryNoticeDays(), DpopBody.of(t.dpop()));
    }

    /** Every rule of the policy, named as the preset documents name them. */
    public record PolicyView(String preset, List<String> holderRoles, List<String> overseerRoles,
                             List<String> memberManagerRoles, String ownership, boolean oneActivePerMember,
                             Integer credentialLifetimeDays, long tokenLifetimeSeconds, boolean ownerOnlyChanges,
                             boolean revokeOnMemberRemoval, boolean permissionsChosen, boolean environmentRequired,
                             boolean denyFederatedLogins, boolean denyWhenOwnerHasMfa, boolean implicitTokensEnabled,
                             String credentialKind, List<String> permissionCatalogue, Map<String, String> permissionsOpen,
                             List<String> inWords) {

        static PolicyView of(CredentialPolicy policy) {
            PolicySettings s = policy.settings();
            return new PolicyView(policy.preset().slug(), roleSlugs(s.holders()), roleSlugs(s.overseers()),
                    roleSlugs(s.memberManagers()), ownershipOf(s), s.oneActivePerMember(), s.credentialLifetimeDays(),
                    s.tokenLifetime().toSeconds(), s.ownerOnlyChanges(), s.revokeOnMemberRemoval(), s.permissionsChosen(),
                    s.environmentRequired(), s.denyFederatedLogins(), s.denyWhenOwnerHasMfa(), s.implicitTokensEnabled(),
                    s.credentialKind().slug(), Permission.catalogue(s.credentialKind()), opens(s.credentialKind()), policy.inWords());
        }
    }

    /** What each permission of the catalogue opens, in the catalogue's order: for a console's checkboxes. */
    static Map<String, String> opens(CredentialKind kind) {
        Map<String, String> opens = new LinkedHashMap<>();
        Permission.allOf(kind).forEach(p -> opens.put(p.scope(), p.opens()));
        return opens;
    }

    /** Role slugs in the roles' own order, as a tenant's view and the presets' view both show them. */
    static List<String> roleSlugs(Set<MemberRole> roles) {
        return roles.stream().map(MemberRole::slug).toList();
    }

    /** {@code member} or {@code tenant}. */
    static String ownershipOf(PolicySettings settings) {
        return settings.ownership().name().toLowerCase(Locale.ROOT);
    }
}
