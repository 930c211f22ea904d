package dev.keyward.domain.tenant;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import static dev.keyward.domain.member.MemberRole.ADMIN;
import static dev.keyward.domain.member.MemberRole.MEMBER;
import static dev.keyward.domain.member.MemberRole.SUPER_ADMIN;

/**
 * The seed systems, each a starting row for a tenant's {@link CredentialPolicy}. The values come from
 * the systems' own documents; what a document leaves open is noted where it is decided.
 */
public enum PolicyPreset {

    /**
     * Elastic Path Commerce Cloud: every person with access to the store has a credential of their own;
     * admins invite and remove members, and removing a member removes their credential.
     */
    ELASTIC_PATH("elastic-path") {
        @Override
        CredentialPolicy newPolicy() {
            return new CredentialPolicy(this,
                    EnumSet.of(SUPER_ADMIN, ADMIN, MEMBER),   // who may hold a credential
                    EnumSet.of(SUPER_ADMIN, ADMIN),           // who sees and manages everyone's
                    EnumSet.of(SUPER_ADMIN, ADMIN),           // who manages members
                    CredentialOwnership.MEMBER,
                    true,                                     // one credential per member: "a unique client ID and secret"
                    null,                                     // credentials do not expire
                    3600,                                     // token lifetime
                    false, true, false, false, false, false,
                    true);                                    // implicit tokens for the storefront
        }
    },

    /**
     * Sensedia: only super admins hold and manage credentials, one active each, valid 3650 days; tokens
     * last 86400 s; only the owner revokes; not for federated logins; refused while MFA is enabled.
     */
    SENSEDIA("sensedia") {
        @Override
        CredentialPolicy newPolicy() {
            return new CredentialPolicy(this,
                    EnumSet.of(SUPER_ADMIN),
                    EnumSet.of(SUPER_ADMIN),
                    EnumSet.of(SUPER_ADMIN),
                    CredentialOwnership.MEMBER,
                    true,
                    3650,
                    86400,
                    true, true, false, false, true, true,
                    false);
        }
    },

    /**
     * EUID: the participant holds several keys, each with its own secret, permission set and environment;
     * keys belong to the participant and outlive the people who made them.
     */
    EUID("euid") {
        @Override
        CredentialPolicy newPolicy() {
            return new CredentialPolicy(this,
                    EnumSet.of(SUPER_ADMIN, ADMIN),
                    EnumSet.of(SUPER_ADMIN, ADMIN),
                    EnumSet.of(SUPER_ADMIN, ADMIN),
                    CredentialOwnership.TENANT,
                    false,
                    null,
                    3600,
                    false, false, true, true, false, false,
                    false);
        }

        @Override
        List<String> defaultEnvironments() {
            return List.of("integration", "production");
        }
    };

    private final String slug;

    PolicyPreset(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    abstract CredentialPolicy newPolicy();

    /**
     * Beyond the seeds: how fresh an admin's MFA login must be to create or rotate a credential. On (15
     * minutes) where admins hold every permission of a store or a participant; Sensedia's own rules already
     * refuse credentials to people with MFA, so there it is off.
     */
    Integer defaultFreshMfaMinutes() {
        return this == SENSEDIA ? null : 15;
    }

    List<String> defaultEnvironments() {
        return List.of("production");
    }

    public static PolicyPreset fromSlug(String slug) {
        for (PolicyPreset p : values()) {
            if (p.slug.equals(slug)) {
                return p;
            }
        }
        throw DomainException.invalid("unknown-policy", "Unknown policy '" + slug + "'; known: "
                + Arrays.stream(values()).map(PolicyPreset::slug).collect(Collectors.joining(", ")) + ".");
    }

    static String roles(EnumSet<MemberRole> roles) {
        return roles.stream().map(MemberRole::slug).collect(Collectors.joining(","));
    }
}
