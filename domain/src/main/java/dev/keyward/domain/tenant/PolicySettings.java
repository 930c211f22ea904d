package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.member.MemberRole;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A credential policy's rules as one value, each named as the seed documents name it: what a preset sets and
 * what a tenant's {@link CredentialPolicy} holds. A value, so that a preset's row cannot change once it is
 * built and so that the prose ({@link PolicyWords}), the README's table and the API read the very same facts
 * the rules are decided on.
 *
 * @param holders                who may hold (create) credentials
 * @param overseers              who sees everyone's credentials and, unless {@code ownerOnlyChanges}, changes them
 * @param memberManagers         who adds, invites, changes and removes team members
 * @param ownership              whether a credential belongs to the member who made it or to the tenant
 * @param oneActivePerMember     a member holds at most one unrevoked, unexpired credential
 * @param credentialLifetimeDays how long a credential lives; null where credentials do not expire
 * @param tokenLifetime          how long an access token lives
 * @param ownerOnlyChanges       only a credential's owner rotates, disables or revokes it
 * @param revokeOnMemberRemoval  removing a member revokes the credentials they own
 * @param permissionsChosen      each credential's permissions are chosen when it is generated, not taken from the role
 * @param environmentRequired    each credential names its environment where the tenant has several
 * @param denyFederatedLogins    a login brokered from another identity provider cannot generate credentials
 * @param denyWhenOwnerHasMfa    credentials stop working while their owner has MFA configured
 * @param implicitTokensEnabled  a client ID alone buys a read-only storefront token
 * @param credentialKind         what the credentials are: OAuth clients, or EUID keys (API key and client secret)
 */
public record PolicySettings(Set<MemberRole> holders, Set<MemberRole> overseers, Set<MemberRole> memberManagers,
                             CredentialOwnership ownership, boolean oneActivePerMember, Integer credentialLifetimeDays,
                             Duration tokenLifetime, boolean ownerOnlyChanges, boolean revokeOnMemberRemoval,
                             boolean permissionsChosen, boolean environmentRequired, boolean denyFederatedLogins,
                             boolean denyWhenOwnerHasMfa, boolean implicitTokensEnabled, CredentialKind credentialKind) {

    /** Role sets are kept in the roles' own order (super admins first), which is how they are stored and shown. */
    public PolicySettings {
        holders = roles("holders", holders);
        overseers = roles("overseers", overseers);
        memberManagers = roles("memberManagers", memberManagers);
        if (credentialKind == null) {
            throw new IllegalArgumentException("A policy says what kind its credentials are.");
        }
        if (ownership == null) {
            throw new IllegalArgumentException("A policy says whom its credentials belong to.");
        }
        if (credentialLifetimeDays != null && credentialLifetimeDays < 1) {
            throw new IllegalArgumentException("A credential lives at least a day, or does not expire.");
        }
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()
                || tokenLifetime.getNano() != 0 || tokenLifetime.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("An access-token lifetime is a positive number of whole seconds.");
        }
    }

    private static Set<MemberRole> roles(String name, Set<MemberRole> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("A policy names its " + name + ".");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }
}
