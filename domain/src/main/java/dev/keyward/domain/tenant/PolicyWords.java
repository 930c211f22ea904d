package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.member.MemberRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A policy in words, for people choosing or reading a tenant's rules: the console shows these sentences under
 * the tenant switcher. Read from {@link PolicySettings} alone, so the words cannot say anything the rules do
 * not decide.
 */
final class PolicyWords {

    private PolicyWords() {
    }

    /** One sentence a rule, in the order the presets name them. */
    static List<String> sentences(PolicySettings s) {
        List<String> words = new ArrayList<>();
        words.add("Credentials are held by " + roles(s.holders())
                + (s.ownership() == CredentialOwnership.TENANT ? ", and belong to the tenant, not to a person." : ", each by its owner."));
        if (s.oneActivePerMember()) {
            words.add("One active credential per person.");
        }
        words.add(s.credentialLifetimeDays() == null ? "Credentials do not expire."
                : "Credentials expire after " + s.credentialLifetimeDays() + " days.");
        if (s.credentialKind() == CredentialKind.EUID_KEY) {
            words.add("Each key is an API key, sent as a bearer, and a client secret that never travels and encrypts every request and response; there are no access tokens.");
        } else {
            words.add("Access tokens last " + s.tokenLifetime().toSeconds() + " seconds.");
        }
        words.add(s.permissionsChosen() ? "Each credential's permissions are chosen when it is generated."
                : "A credential carries the permissions of its owner's role.");
        if (s.environmentRequired()) {
            words.add("Each credential names its environment.");
        }
        words.add(s.ownerOnlyChanges() ? "Only its owner rotates, disables or revokes a credential."
                : roles(s.overseers()) + " may also rotate, disable or revoke others' credentials.");
        if (s.denyFederatedLogins()) {
            words.add("Credentials cannot be generated from a federated login.");
        }
        if (s.denyWhenOwnerHasMfa()) {
            words.add("Credentials stop working while their owner has MFA enabled.");
        }
        words.add(s.revokeOnMemberRemoval() ? "Removing a team member revokes their credentials."
                : "Removing a team member leaves the keys in place.");
        if (s.implicitTokensEnabled()) {
            words.add("Implicit tokens (client ID only) read the live storefront.");
        }
        words.add("Team members are managed by " + roles(s.memberManagers()) + ".");
        return List.copyOf(words);
    }

    /** Roles as the refusals and the sentences name them: "super-admins and admins". */
    static String roles(Set<MemberRole> roles) {
        return roles.stream().map(r -> r.slug() + "s").collect(Collectors.joining(" and "));
    }
}
