package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.euid.EuidEnvironment;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.shared.StepUpRequiredException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant of Keyward: the platform account whose team members hold credentials. Its slug is the
 * public name in every URL; its environments separate credentials and data (EUID's integration and
 * production); its policy decides who may hold and manage credentials.
 */
@Entity
@Table(name = "tenant")
@NamedQuery(name = Tenant.BY_SLUG, query = "select t from Tenant t join fetch t.policy where t.slug = :slug")
public class Tenant {

    public static final String BY_SLUG = "Tenant.bySlug";
    /** At most ten environments of at most 32 characters: their list fits its column. */
    static final int MAX_ENVIRONMENTS = 10;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, unique = true, length = 63)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    /** Comma-separated, the first one is the default for a credential that names none. */
    @Column(nullable = false, length = 400)
    private String environments;

    @OneToOne(optional = false, fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    @JoinColumn(name = "policy_id", nullable = false, unique = true)
    private CredentialPolicy policy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /**
     * A Keycloak realm role (held directly or through a group) that a member must hold for their
     * credentials to work; none means membership alone is enough.
     */
    @Column(name = "access_role", length = 255)
    private String accessRole;

    /** Removing a member also disables their Keycloak account (for a Keycloak realm that serves this tenant alone). */
    @Column(name = "disable_user_on_removal", nullable = false)
    private boolean disableUserOnRemoval;

    @Column(name = "break_glass_super_admins", nullable = false)
    private boolean breakGlassBySuperAdmins;

    /** Days before a credential's expiry when its owner is told, largest first, comma-separated; absent: the server's. */
    @Column(name = "expiry_notice_days", length = 40)
    private String expiryNoticeDays;

    /** Credentials unused for this many days are disabled as dormant; absent: never. */
    @Column(name = "dormant_after_days")
    private Integer dormantAfterDays;

    /** When set, admins create and rotate credentials only within this many minutes of an MFA login. */
    @Column(name = "fresh_mfa_minutes")
    private Integer freshMfaMinutes;

    /** The rate limit of the tenant's credentials, where one does not set its own; none (null) means unlimited. */
    @Embedded
    private RateLimit rateLimit;

    /** Whether every access token of the tenant must be bound to its client's key (DPoP, RFC 9449). */
    @Column(name = "dpop_required", nullable = false)
    private boolean dpopRequired;

    /** Whether every DPoP proof must carry a nonce from the server. */
    @Column(name = "dpop_nonce", nullable = false)
    private boolean dpopNonce;

    /** An EUID participant's site ID: a number, unique among participants, in its keys' IDs and its tokens. */
    @Column(name = "euid_site_id", unique = true)
    private Integer euidSiteId;

    protected Tenant() {
    }

    public Tenant(String slug, String name, PolicyPreset preset, List<String> environments, Instant now) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw DomainException.invalid("invalid-slug",
                    "A tenant slug is 1 to 63 lower-case letters, digits and dashes, starting and ending with a letter or digit.");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainException.invalid("invalid-name", "A tenant name is 1 to 200 characters.");
        }
        if (environments != null && environments.isEmpty()) {
            throw DomainException.invalid("invalid-environment", "A tenant has at least one environment; leave the list out for the policy's own.");
        }
        List<String> envs = environments == null ? preset.defaultEnvironments() : environments;
        for (String e : envs) {
            if (e == null || !ENVIRONMENT.matcher(e).matches()) {
                throw DomainException.invalid("invalid-environment",
                        "An environment name is 1 to 32 lower-case letters, digits and dashes, starting with a letter.");
            }
        }
        if (envs.size() > MAX_ENVIRONMENTS) {
            throw DomainException.invalid("invalid-environment", "A tenant has at most " + MAX_ENVIRONMENTS + " environments.");
        }
        if (envs.stream().distinct().count() != envs.size()) {
            throw DomainException.invalid("invalid-environment", "Environment names must be distinct.");
        }
        if (preset.settings().credentialKind() == CredentialKind.EUID_KEY && !EuidEnvironment.slugs().containsAll(envs)) {
            throw DomainException.invalid("invalid-environment", "An EUID participant's environments are " + EuidEnvironment.slugs() + ".");
        }
        this.id = UUID.randomUUID().toString();
        this.slug = slug;
        this.name = name.strip();
        this.environments = String.join(",", envs);
        this.policy = preset.newPolicy();
        this.freshMfaMinutes = preset.defaultFreshMfaMinutes();
        this.createdAt = now;
    }

    /** The environment a new credential belongs to: the one asked for, or the tenant's default. */
    public String environmentFor(String requested) {
        List<String> known = environments();
        if (requested == null || requested.isBlank()) {
            if (policy.environmentRequired() && known.size() > 1) {
                throw DomainException.invalid("environment-required",
                        "This tenant keeps separate credentials per environment: name one of " + known + ".");
            }
            return known.get(0);
        }
        String normalised = requested.strip().toLowerCase(Locale.ROOT);
        if (!known.contains(normalised)) {
            throw DomainException.invalid("unknown-environment",
                    "Environment '" + requested + "' is not one of this tenant's: " + known + ".");
        }
        return normalised;
    }

    /**
     * Makes a Keycloak user a member of this tenant, with {@code role}: a new membership, or, for someone who
     * was removed ({@code previous}: their membership found by subject, null when they never had one), the old
     * membership back, so that the audit trail and their credentials' history keep pointing at one member.
     * Refuses someone who is a member already. A new membership still has to be persisted.
     */
    public TeamMember admit(TeamMember previous, String subject, String username, String email, MemberRole role, Instant now) {
        if (previous == null) {
            return new TeamMember(this, subject, username, email, role, now);
        }
        previous.rejoin(role, now);
        return previous;
    }

    /** Asks Keycloak's word as well: members must hold {@code realmRole} for their credentials to work. */
    public void requireRealmRole(String realmRole) {
        if (realmRole != null && (realmRole.isBlank() || realmRole.length() > 255)) {
            throw DomainException.invalid("invalid-access-role", "accessRole names a Keycloak realm role, 1 to 255 characters.");
        }
        this.accessRole = realmRole == null ? null : realmRole.strip();
    }

    /** Whether someone holding these realm roles may use this tenant's credentials. */
    public boolean admits(Set<String> realmRoles) {
        return accessRole == null || realmRoles.contains(accessRole);
    }

    public void disableUsersOnRemoval(boolean disable) {
        this.disableUserOnRemoval = disable;
    }

    /** Asks admins for a fresh MFA login (within {@code minutes}) to create or rotate a credential; null turns it off. */
    public void requireFreshMfa(Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > 1440)) {
            throw DomainException.invalid("invalid-fresh-mfa", "freshMfaMinutes is between 1 and 1440, or absent.");
        }
        this.freshMfaMinutes = minutes;
    }

    /**
     * The step-up rule: an admin (or super admin) who creates or rotates a credential must have signed in
     * with MFA within the tenant's window. Keyward reads it from Keycloak's facts: the login's
     * {@code auth_time}, the person's configured MFA (Keycloak's flows ask for it at every login of
     * someone who has it) and a login at this realm, not brokered from elsewhere.
     */
    public void checkFreshMfa(TeamMember actor, boolean federatedLogin, Instant authTime, Instant now) {
        if (freshMfaMinutes == null || !(actor.role() == MemberRole.ADMIN
                || actor.role() == MemberRole.SUPER_ADMIN)) {
            return;
        }
        long maxAge = freshMfaMinutes * 60L;
        if (!actor.mfaEnabled()) {
            throw new StepUpRequiredException("This tenant asks admins for an MFA login to create or rotate credentials, and "
                    + actor.username() + " has no MFA configured in Keycloak: set up an authenticator in the account console, then sign in again.", maxAge);
        }
        if (federatedLogin || authTime == null || authTime.isBefore(now.minusSeconds(maxAge))) {
            throw new StepUpRequiredException("This tenant asks admins for an MFA login within the last " + freshMfaMinutes
                    + " minutes to create or rotate credentials: sign in again with your authenticator.", maxAge);
        }
    }

    /** Lets the tenant's super admins revoke any credential in an emergency (break-glass), beside the operators. */
    public void allowBreakGlassBySuperAdmins(boolean allow) {
        this.breakGlassBySuperAdmins = allow;
    }

    /**
     * Whether someone may break the glass on a credential of this tenant: revoke it whoever owns it, whatever the policy
     * says of who may revoke. An operator may; a super admin where the tenant allows it. Either needs a written reason
     * and an MFA login within the last {@link #BREAK_GLASS_MAX_AGE_SECONDS} seconds (Keycloak asks for MFA at every login
     * of someone who has it: a fresh login of someone with MFA is a fresh MFA login).
     */
    public void checkMayBreakGlass(boolean operator, TeamMember actor, boolean mfaConfigured, boolean federatedLogin,
                                   Instant authTime, String reason, Instant now) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 10 || why.length() > 500) {
            throw DomainException.invalid("break-glass-reason", "Breaking the glass needs a written reason of 10 to 500 characters.");
        }
        boolean superAdmin = actor != null && actor.isActive() && actor.role() == MemberRole.SUPER_ADMIN;
        if (!operator && !(superAdmin && breakGlassBySuperAdmins)) {
            throw new PolicyRefusedException("break-glass", "Only Keyward operators" + (breakGlassBySuperAdmins
                    ? " and this tenant's super admins" : "") + " may revoke another person's credential in an emergency.");
        }
        if (!mfaConfigured) {
            throw new StepUpRequiredException("Breaking the glass needs an MFA login, and your Keycloak account has no MFA: "
                    + "set up an authenticator in the account console, then sign in again.", BREAK_GLASS_MAX_AGE_SECONDS);
        }
        if (federatedLogin || authTime == null || authTime.isBefore(now.minusSeconds(BREAK_GLASS_MAX_AGE_SECONDS))) {
            throw new StepUpRequiredException("Breaking the glass needs an MFA login within the last "
                    + BREAK_GLASS_MAX_AGE_SECONDS / 60 + " minutes: sign in again with your authenticator.", BREAK_GLASS_MAX_AGE_SECONDS);
        }
    }

    /** How fresh the MFA login that breaks the glass must be. */
    public static final long BREAK_GLASS_MAX_AGE_SECONDS = 300;

    /** Sets the rate limit of the tenant's credentials ({@link RateLimit#NONE}: unlimited). */
    public void limitRate(RateLimit limit) {
        rateLimit = limit.limits() ? limit : null;
    }

    public RateLimit rateLimit() { return RateLimit.orNone(rateLimit); }

    /**
     * Sets what the tenant asks of DPoP. For an EUID participant, whose keys get no access tokens, the API key is what a
     * proof is bound to: required, each key must be bound to a public key (a new key without one is refused, and an
     * unbound key's requests too); nonce, each proof carries the server's nonce.
     */
    public void requireDpop(DpopRule rule) {
        dpopRequired = rule.required();
        dpopNonce = rule.nonce();
    }

    public DpopRule dpop() { return new DpopRule(dpopRequired, dpopNonce); }
    /** Makes this tenant an EUID participant with {@code siteId}, once. */
    public void assignEuidSite(int siteId) {
        if (policy.credentialKind() != CredentialKind.EUID_KEY || euidSiteId != null || siteId < 1) {
            throw new IllegalStateException("tenant " + slug + " cannot take EUID site " + siteId);
        }
        euidSiteId = siteId;
    }

    /** The EUID participant's site ID; null for other tenants. */
    public Integer euidSiteId() { return euidSiteId; }
    public Integer freshMfaMinutes() { return freshMfaMinutes; }
    public boolean disablesUserOnRemoval() { return disableUserOnRemoval; }
    public boolean breakGlassBySuperAdmins() { return breakGlassBySuperAdmins; }
    public Integer dormantAfterDays() { return dormantAfterDays; }

    /** The days before expiry when owners are told, largest first; empty: the server's default applies. */
    public List<Integer> expiryNoticeDays() {
        return expiryNoticeDays == null ? List.of()
                : Arrays.stream(expiryNoticeDays.split(",")).map(Integer::valueOf).toList();
    }

    /** Sets the days before expiry when owners are told (1 to 365 each, at most five; null or empty: the server's default). */
    public void noticeExpiryAt(List<Integer> days) {
        if (days == null || days.isEmpty()) {
            expiryNoticeDays = null;
            return;
        }
        if (days.size() > 5 || days.stream().anyMatch(d -> d == null || d < 1 || d > 365)) {
            throw DomainException.invalid("invalid-expiry-notice-days", "expiryNoticeDays holds 1 to 5 days, each 1 to 365.");
        }
        expiryNoticeDays = String.join(",", days.stream().distinct().sorted((a, b) -> b - a).map(String::valueOf).toList());
    }

    /** Disables credentials unused for {@code days} days (7 at least, so that the week's notice comes first); null: never. */
    public void disableDormantAfter(Integer days) {
        if (days != null && (days < 8 || days > 3650)) {
            throw DomainException.invalid("invalid-dormancy", "dormantAfterDays is 8 to 3650 days: a notice comes a week before.");
        }
        this.dormantAfterDays = days;
    }
    public String accessRole() { return accessRole; }
    public String id() { return id; }
    public String slug() { return slug; }
    public String name() { return name; }
    public CredentialPolicy policy() { return policy; }
    public Instant createdAt() { return createdAt; }
    public List<String> environments() { return Arrays.asList(environments.split(",")); }
}
