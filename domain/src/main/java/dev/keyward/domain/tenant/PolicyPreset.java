package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.shared.DomainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static dev.keyward.domain.member.MemberRole.ADMIN;
import static dev.keyward.domain.member.MemberRole.MEMBER;
import static dev.keyward.domain.member.MemberRole.SUPER_ADMIN;

/**
 * The seed systems, each a starting row for a tenant's {@link CredentialPolicy}. Each preset is written as its
 * seed document's own sentences, one named step a rule and in the same order in all three, so that the presets
 * compare line by line with each other and with the seeds; what a document leaves open is noted where it is
 * decided. A rule a preset does not name is off.
 */
public enum PolicyPreset {

    /**
     * Elastic Path Commerce Cloud (seed 000): "each person with access to a store receives a unique client ID and
     * client secret"; store admins invite team members, and "removing a team member removes the unique ClientID
     * and Client Secret"; an {@code implicit} token reads the live storefront. The document gives no credential
     * expiry; its "predefined period" for access tokens is decided here as an hour.
     */
    ELASTIC_PATH("elastic-path", "Elastic Path Commerce Cloud", policy -> policy
            .holders(SUPER_ADMIN, ADMIN, MEMBER).overseers(SUPER_ADMIN, ADMIN).memberManagers(SUPER_ADMIN, ADMIN)
            .oneActivePerMember()
            .tokensLast(Duration.ofHours(1))
            .revokeOnMemberRemoval()
            .implicitTokens()
            .environments("production").freshMfaLoginForAdmins(Duration.ofMinutes(15))),

    /**
     * Sensedia (seed 001): "only Super Admin users can manage access to credentials"; "only one active credential
     * per user"; credentials "expire in 3650 days", tokens last "86400 seconds (24 hours)"; "other Super Admin
     * users cannot revoke credentials from others"; "not possible to generate Client Credentials using federated
     * logins"; credentials "will not work if the MFA feature is enabled". Removing a member is not in the document;
     * decided here as revoking their credentials, as under Elastic Path.
     */
    SENSEDIA("sensedia", "Sensedia", policy -> policy
            .holders(SUPER_ADMIN).overseers(SUPER_ADMIN).memberManagers(SUPER_ADMIN)
            .oneActivePerMember().expiresAfterDays(3650)
            .tokensLast(Duration.ofDays(1))
            .ownerOnlyChanges()
            .revokeOnMemberRemoval()
            .denyFederatedLogins().denyWhenOwnerHasMfa()
            .environments("production")),

    /**
     * EUID (seed 002): "one EUID participant can have multiple keys", each with "a set of permissions" and "a
     * corresponding client secret", "valid for a specific environment", with separate keys for integration and
     * production. A key is the operator's API key, sent as a bearer, and its client secret encrypts every request
     * and response; there are no access tokens, so the token lifetime below is never used. Keys belong to the
     * participant and outlive the people who made them; who makes them is not in the document, decided here as the
     * participant's admins.
     */
    EUID("euid", "EUID", policy -> policy
            .holders(SUPER_ADMIN, ADMIN).overseers(SUPER_ADMIN, ADMIN).memberManagers(SUPER_ADMIN, ADMIN)
            .euidKeys().ownedByTenant()
            .tokensLast(Duration.ofHours(1))
            .permissionsChosenPerCredential().environmentRequired()
            .environments("integration", "production").freshMfaLoginForAdmins(Duration.ofMinutes(15)));

    private final String slug;
    private final String title;
    private final PolicySettings settings;
    private final List<String> environments;
    private final Integer freshMfaMinutes;

    PolicyPreset(String slug, String title, UnaryOperator<Builder> definition) {
        Builder built = definition.apply(new Builder());
        this.slug = slug;
        this.title = title;
        this.settings = built.settings();
        this.environments = built.environments;
        this.freshMfaMinutes = built.freshMfaMinutes;
    }

    /** The preset's name on the wire ({@code "policy": "sensedia"}); the database keeps the constant's name. */
    public String slug() {
        return slug;
    }

    /** The seed system's own name, for people. */
    public String title() {
        return title;
    }

    /** The preset's rules, as every new tenant of this preset starts with them. */
    public PolicySettings settings() {
        return settings;
    }

    /** The preset's rules in words, one sentence a rule. */
    public List<String> inWords() {
        return PolicyWords.sentences(settings);
    }

    CredentialPolicy newPolicy() {
        return new CredentialPolicy(this, settings);
    }

    /**
     * Beyond the seeds: how fresh an admin's MFA login must be to create or rotate a credential; null for off.
     * On where admins hold every permission of a store or a participant; Sensedia's own rules already refuse
     * credentials to people with MFA, so there it is off.
     */
    public Integer defaultFreshMfaMinutes() {
        return freshMfaMinutes;
    }

    /** A new tenant's environments when it names none; the first is the default for a credential that names none. */
    public List<String> defaultEnvironments() {
        return environments;
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

    /**
     * Writes a preset as sentences. The three role sets, the token lifetime and the environments must be named,
     * since no value of theirs is safe to assume; every other rule is off until a step turns it on, so a preset
     * shows exactly what it asks for.
     */
    static final class Builder {

        private EnumSet<MemberRole> holders;
        private EnumSet<MemberRole> overseers;
        private EnumSet<MemberRole> memberManagers;
        private CredentialOwnership ownership = CredentialOwnership.MEMBER;
        private CredentialKind credentialKind = CredentialKind.OAUTH_CLIENT;
        private boolean oneActivePerMember;
        private Integer credentialLifetimeDays;
        private Duration tokenLifetime;
        private boolean ownerOnlyChanges;
        private boolean revokeOnMemberRemoval;
        private boolean permissionsChosen;
        private boolean environmentRequired;
        private boolean denyFederatedLogins;
        private boolean denyWhenOwnerHasMfa;
        private boolean implicitTokensEnabled;
        private List<String> environments;
        private Integer freshMfaMinutes;

        Builder() {
        }

        /** Who may hold credentials. */
        Builder holders(MemberRole first, MemberRole... more) {
            holders = EnumSet.of(first, more);
            return this;
        }

        /** Who sees everyone's credentials, and changes them unless only owners may. */
        Builder overseers(MemberRole first, MemberRole... more) {
            overseers = EnumSet.of(first, more);
            return this;
        }

        /** Who invites, adds, changes and removes team members. */
        Builder memberManagers(MemberRole first, MemberRole... more) {
            memberManagers = EnumSet.of(first, more);
            return this;
        }

        /** Credentials are EUID keys: an API key (a bearer) and a client secret that encrypts every request and response. */
        Builder euidKeys() {
            credentialKind = CredentialKind.EUID_KEY;
            return this;
        }

        /** Credentials belong to the tenant, not to whoever made them. */
        Builder ownedByTenant() {
            ownership = CredentialOwnership.TENANT;
            return this;
        }

        Builder oneActivePerMember() {
            oneActivePerMember = true;
            return this;
        }

        Builder expiresAfterDays(int days) {
            credentialLifetimeDays = days;
            return this;
        }

        /** The longest an access token lives; a tenant may shorten it, never lengthen it. */
        Builder tokensLast(Duration lifetime) {
            tokenLifetime = lifetime;
            return this;
        }

        Builder ownerOnlyChanges() {
            ownerOnlyChanges = true;
            return this;
        }

        Builder revokeOnMemberRemoval() {
            revokeOnMemberRemoval = true;
            return this;
        }

        /** Each credential's permissions are chosen when it is generated, instead of following its owner's role. */
        Builder permissionsChosenPerCredential() {
            permissionsChosen = true;
            return this;
        }

        /** Each credential names its environment where the tenant has more than one. */
        Builder environmentRequired() {
            environmentRequired = true;
            return this;
        }

        Builder denyFederatedLogins() {
            denyFederatedLogins = true;
            return this;
        }

        Builder denyWhenOwnerHasMfa() {
            denyWhenOwnerHasMfa = true;
            return this;
        }

        /** A client ID alone buys a read-only token for the live storefront. */
        Builder implicitTokens() {
            implicitTokensEnabled = true;
            return this;
        }

        /** A new tenant's environments when it names none. */
        Builder environments(String first, String... more) {
            List<String> all = new ArrayList<>();
            all.add(first);
            Collections.addAll(all, more);
            environments = List.copyOf(all);
            return this;
        }

        /** Admins create and rotate credentials only within {@code window} of an MFA login, unless the tenant says otherwise. */
        Builder freshMfaLoginForAdmins(Duration window) {
            freshMfaMinutes = Math.toIntExact(window.toMinutes());
            return this;
        }

        PolicySettings settings() {
            if (environments == null) {
                throw new IllegalStateException("A preset names a new tenant's environments.");
            }
            return new PolicySettings(holders, overseers, memberManagers, ownership, oneActivePerMember,
                    credentialLifetimeDays, tokenLifetime, ownerOnlyChanges, revokeOnMemberRemoval, permissionsChosen,
                    environmentRequired, denyFederatedLogins, denyWhenOwnerHasMfa, implicitTokensEnabled, credentialKind);
        }
    }
}
