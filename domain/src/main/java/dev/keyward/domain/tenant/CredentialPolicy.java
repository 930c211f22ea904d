package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a tenant allows around credentials: one row per tenant, filled from a {@link PolicyPreset}'s
 * {@link PolicySettings}. Every decision about who may hold, see or change a credential is taken here, so the
 * services only load, ask and record. The columns are the state (a tenant may shorten its tokens); the rules as
 * a value come back from {@link #settings()}, and the words for people from {@link PolicyWords}.
 */
@Entity
@Table(name = "credential_policy")
public class CredentialPolicy {

    /** The longest rotation grace anyone may ask for: long enough for a careful roll-out, short enough to end. */
    public static final Duration MAX_ROTATION_GRACE = Duration.ofDays(30);
    public static final Duration DEFAULT_ROTATION_GRACE = Duration.ofHours(1);

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private PolicyPreset preset;

    @Column(name = "holder_roles", nullable = false, length = 64)
    private String holderRoles;

    @Column(name = "overseer_roles", nullable = false, length = 64)
    private String overseerRoles;

    @Column(name = "member_manager_roles", nullable = false, length = 64)
    private String memberManagerRoles;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CredentialOwnership ownership;

    @Column(name = "one_active_per_member", nullable = false)
    private boolean oneActivePerMember;

    @Column(name = "credential_lifetime_days")
    private Integer credentialLifetimeDays;

    @Column(name = "token_lifetime_seconds", nullable = false)
    private int tokenLifetimeSeconds;

    @Column(name = "owner_only_changes", nullable = false)
    private boolean ownerOnlyChanges;

    @Column(name = "revoke_on_member_removal", nullable = false)
    private boolean revokeOnMemberRemoval;

    @Column(name = "permissions_chosen", nullable = false)
    private boolean permissionsChosen;

    @Column(name = "environment_required", nullable = false)
    private boolean environmentRequired;

    @Column(name = "deny_federated_logins", nullable = false)
    private boolean denyFederatedLogins;

    @Column(name = "deny_when_owner_has_mfa", nullable = false)
    private boolean denyWhenOwnerHasMfa;

    /** Elastic Path's public-client tokens: a client ID alone buys a read-only storefront token. */
    @Column(name = "implicit_tokens_enabled", nullable = false)
    private boolean implicitTokensEnabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "credential_kind", nullable = false, length = 16)
    private CredentialKind credentialKind;

    protected CredentialPolicy() {
    }

    /** A tenant's policy, starting as its preset's rules. */
    CredentialPolicy(PolicyPreset preset, PolicySettings rules) {
        this.id = UUID.randomUUID().toString();
        this.preset = preset;
        this.holderRoles = stored(rules.holders());
        this.overseerRoles = stored(rules.overseers());
        this.memberManagerRoles = stored(rules.memberManagers());
        this.ownership = rules.ownership();
        this.oneActivePerMember = rules.oneActivePerMember();
        this.credentialLifetimeDays = rules.credentialLifetimeDays();
        this.tokenLifetimeSeconds = Math.toIntExact(rules.tokenLifetime().toSeconds());
        this.ownerOnlyChanges = rules.ownerOnlyChanges();
        this.revokeOnMemberRemoval = rules.revokeOnMemberRemoval();
        this.permissionsChosen = rules.permissionsChosen();
        this.environmentRequired = rules.environmentRequired();
        this.denyFederatedLogins = rules.denyFederatedLogins();
        this.denyWhenOwnerHasMfa = rules.denyWhenOwnerHasMfa();
        this.implicitTokensEnabled = rules.implicitTokensEnabled();
        this.credentialKind = rules.credentialKind();
    }

    // ---- the rules as a value, and in words -----------------------------------------------------------

    /** This tenant's rules as they stand, its own token lifetime included, as one value to show or compare. */
    public PolicySettings settings() {
        return new PolicySettings(parse(holderRoles), parse(overseerRoles), parse(memberManagerRoles), ownership,
                oneActivePerMember, credentialLifetimeDays, Duration.ofSeconds(tokenLifetimeSeconds), ownerOnlyChanges,
                revokeOnMemberRemoval, permissionsChosen, environmentRequired, denyFederatedLogins, denyWhenOwnerHasMfa,
                implicitTokensEnabled, credentialKind);
    }

    /** The policy in words, one sentence a rule, for people choosing or reading a tenant's rules. */
    public List<String> inWords() {
        return PolicyWords.sentences(settings());
    }

    // ---- creating ----------------------------------------------------------------------------------

    /**
     * May this member create a credential now? {@code federatedLogin} is how the caller logged in;
     * {@code activeHeld} how many unrevoked, unexpired credentials they already hold in this tenant.
     */
    public void checkMayCreate(TeamMember actor, boolean federatedLogin, long activeHeld) {
        if (!has(holderRoles, actor.role())) {
            throw new PolicyRefusedException("holder-roles", "Under this tenant's policy only "
                    + describe(holderRoles) + " may hold credentials; you are " + actor.role().slug() + ".");
        }
        if (denyFederatedLogins && federatedLogin) {
            throw new PolicyRefusedException("deny-federated-logins",
                    "Credentials cannot be generated from a federated login. Log in with your own account to generate one.");
        }
        if (oneActivePerMember && ownership == CredentialOwnership.MEMBER && activeHeld > 0) {
            throw PolicyRefusedException.oneActivePerMember();
        }
    }

    /**
     * The permissions a new credential carries: chosen by an admin where the policy says so, otherwise
     * everything the owner's role allows.
     */
    public Set<Permission> permissionsFor(MemberRole ownerRole, Set<Permission> requested) {
        if (requested != null) {
            for (Permission p : requested) {
                if (p.kind() != credentialKind) {
                    throw DomainException.invalid("unknown-permission", "'" + p.scope() + "' is not in this tenant's catalogue "
                            + Permission.catalogue(credentialKind) + ".");
                }
            }
        }
        if (permissionsChosen) {
            if (requested == null || requested.isEmpty()) {
                throw DomainException.invalid("permissions-required",
                        "Name the permissions this credential carries, at least one, from " + Permission.catalogue(credentialKind) + ".");
            }
            return EnumSet.copyOf(requested);
        }
        if (requested != null && !requested.isEmpty()) {
            throw DomainException.invalid("permissions-not-chosen",
                    "This tenant's credentials carry the permissions of their owner's role; leave 'permissions' out.");
        }
        return ownerRole == MemberRole.MEMBER ? Permission.storeAccess() : Permission.allOf(credentialKind);
    }

    /** When a new credential expires: the policy's lifetime, or an earlier moment the creator asked for. */
    public Instant expiryFor(Instant now, Instant requested) {
        Instant limit = credentialLifetimeDays == null ? null : now.plus(Duration.ofDays(credentialLifetimeDays));
        if (requested == null) {
            return limit;
        }
        if (!requested.isAfter(now)) {
            throw DomainException.invalid("invalid-expiry", "'expiresAt' must be in the future.");
        }
        if (limit != null && requested.isAfter(limit)) {
            throw DomainException.invalid("invalid-expiry", "Credentials in this tenant live at most "
                    + credentialLifetimeDays + " days; 'expiresAt' must be before " + limit + ".");
        }
        return requested;
    }

    /** The owner of a new credential: the creator, or nobody where credentials belong to the tenant. */
    public TeamMember ownerFor(TeamMember creator) {
        return ownership == CredentialOwnership.MEMBER ? creator : null;
    }

    /** The slot a one-active policy fills in the database's unique key, or null where no such limit holds. */
    public String activeSlotFor(TeamMember owner) {
        return oneActivePerMember && owner != null ? owner.id() : null;
    }

    // ---- seeing and changing --------------------------------------------------------------------------

    public boolean maySeeAll(TeamMember actor) {
        return has(overseerRoles, actor.role());
    }

    public boolean maySee(TeamMember actor, ClientCredential credential) {
        return credential.isOwnedBy(actor) || maySeeAll(actor);
    }

    /** May this member rotate, disable, enable or revoke the credential? {@code action} is for the reason. */
    public void checkMayChange(TeamMember actor, ClientCredential credential, String action) {
        if (credential.isOwnedBy(actor)) {
            return;
        }
        if (ownerOnlyChanges && credential.owner() != null) {
            throw new PolicyRefusedException("owner-only-changes", "Only the owner of a credential may "
                    + action + " it under this tenant's policy; ask " + credential.owner().username() + ".");
        }
        if (!maySeeAll(actor)) {
            throw new PolicyRefusedException("overseer-roles", "Only " + describe(overseerRoles)
                    + " may " + action + " credentials that are not their own.");
        }
    }

    public void checkMayManageMembers(TeamMember actor) {
        if (!has(memberManagerRoles, actor.role())) {
            throw new PolicyRefusedException("member-manager-roles",
                    "Only " + describe(memberManagerRoles) + " may manage this tenant's team members.");
        }
    }

    /** Rate limits are set by whoever manages the team: a member cannot lift their own credential's limit. */
    public void checkMaySetRateLimits(TeamMember actor) {
        if (!has(memberManagerRoles, actor.role())) {
            throw new PolicyRefusedException("member-manager-roles",
                    "Only " + describe(memberManagerRoles) + " may set this tenant's rate limits and DPoP rule.");
        }
    }

    /** How long an old secret keeps working after a rotation. */
    public Duration rotationGrace(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return DEFAULT_ROTATION_GRACE;
        }
        if (requestedSeconds < 0 || requestedSeconds > MAX_ROTATION_GRACE.toSeconds()) {
            throw DomainException.invalid("invalid-grace", "'graceSeconds' is between 0 and "
                    + MAX_ROTATION_GRACE.toSeconds() + " (30 days).");
        }
        return Duration.ofSeconds(requestedSeconds);
    }

    /** Whether the owner's MFA stops their credentials (Sensedia: "credentials will not work if MFA is enabled"). */
    public boolean refusesOwnerWithMfa() { return denyWhenOwnerHasMfa; }

    public boolean revokesOnMemberRemoval() { return revokeOnMemberRemoval; }

    public boolean implicitTokensEnabled() { return implicitTokensEnabled; }

    public Duration tokenLifetime() { return Duration.ofSeconds(tokenLifetimeSeconds); }

    /** The shortest access-token lifetime a tenant may choose. */
    public static final int MIN_TOKEN_LIFETIME_SECONDS = 5;

    /**
     * A tenant may shorten its access tokens, never lengthen them: the preset's document sets the longest
     * lifetime (3600 s for Elastic Path, 86400 s for Sensedia), and a shorter one is only safer.
     */
    public void shortenTokens(int seconds) {
        if (seconds < MIN_TOKEN_LIFETIME_SECONDS || seconds > tokenLifetimeSeconds) {
            throw DomainException.invalid("invalid-token-lifetime", "tokenLifetimeSeconds is between " + MIN_TOKEN_LIFETIME_SECONDS
                    + " and " + tokenLifetimeSeconds + " under this tenant's policy.");
        }
        this.tokenLifetimeSeconds = seconds;
    }

    public PolicyPreset preset() { return preset; }
    public CredentialKind credentialKind() { return credentialKind; }
    public boolean environmentRequired() { return environmentRequired; }
    public Set<MemberRole> memberManagerRoles() { return parse(memberManagerRoles); }

    private static boolean has(String roles, MemberRole role) {
        return parse(roles).contains(role);
    }

    private static Set<MemberRole> parse(String roles) {
        return Arrays.stream(roles.split(",")).map(MemberRole::fromSlug)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MemberRole.class)));
    }

    private static String describe(String roles) {
        return PolicyWords.roles(parse(roles));
    }

    private static String stored(Set<MemberRole> roles) {
        return roles.stream().map(MemberRole::slug).collect(Collectors.joining(","));
    }
}
