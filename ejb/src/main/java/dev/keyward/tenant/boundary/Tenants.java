package dev.keyward.tenant.boundary;

import dev.keyward.access.Caller;
import dev.keyward.access.Membership;
import dev.keyward.access.TenantScope;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.member.control.DirectoryUser;
import dev.keyward.member.control.KeycloakDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creating and reading tenants. Only operators (a Keycloak realm role) create them. */
@Stateless
public class Tenants {

    @PersistenceContext
    EntityManager em;

    @Inject
    TenantScope scope;

    @Inject
    KeycloakDirectory directory;

    @Inject
    AuditTrail audit;

    @Inject
    CredentialCache credentials;

    @Inject
    Clock clock;

    /** A first team member of a new tenant, by Keycloak username. */
    public record Founder(String username, MemberRole role) {
    }

    /**
     * Optional rules a tenant adds to its preset. {@code freshMfaMinutes}: null keeps the preset's default,
     * 0 turns the step-up off, anything else sets its window. {@code tokenLifetimeSeconds}: null keeps the
     * preset's lifetime, anything else shortens it.
     */
    public record Options(String accessRole, boolean disableUserOnRemoval, Integer freshMfaMinutes, Integer tokenLifetimeSeconds,
                          RateLimit rateLimit, boolean breakGlassBySuperAdmins, Integer dormantAfterDays,
                          List<Integer> expiryNoticeDays, DpopRule dpop) {
        public static final Options NONE = new Options(null, false, null, null, RateLimit.NONE, false, null, null, DpopRule.OPTIONAL);

        /** The same options with the admins' fresh-MFA window set (0: never asked). */
        public Options withFreshMfaMinutes(Integer minutes) {
            return new Options(accessRole, disableUserOnRemoval, minutes, tokenLifetimeSeconds, rateLimit, breakGlassBySuperAdmins,
                    dormantAfterDays, expiryNoticeDays, dpop);
        }

        /** The same options with credentials disabled after {@code days} unused (null: never). */
        public Options withDormantAfterDays(Integer days) {
            return new Options(accessRole, disableUserOnRemoval, freshMfaMinutes, tokenLifetimeSeconds, rateLimit, breakGlassBySuperAdmins,
                    days, expiryNoticeDays, dpop);
        }
    }

    /**
     * Creates a tenant with its policy and first team. Without a team, the operator who creates it becomes
     * its super admin, so that someone can manage it.
     */
    public Tenant create(Caller caller, String slug, String name, String policy, List<String> environments, Options options,
                         List<Founder> team) {
        String accessRole = options.accessRole();
        if (!caller.operator()) {
            throw new PolicyRefusedException("operator-role", "Only Keyward operators may create tenants.");
        }
        PolicyPreset preset = PolicyPreset.fromSlug(policy);
        if (scope.find(slug).isPresent()) {
            throw DomainException.conflict("tenant-exists", "A tenant with slug '" + slug + "' already exists.");
        }
        Instant now = clock.instant();
        Tenant tenant = new Tenant(slug, name, preset, environments, now);
        tenant.requireRealmRole(accessRole);
        tenant.disableUsersOnRemoval(options.disableUserOnRemoval());
        tenant.allowBreakGlassBySuperAdmins(options.breakGlassBySuperAdmins());
        tenant.disableDormantAfter(options.dormantAfterDays());
        tenant.noticeExpiryAt(options.expiryNoticeDays());
        if (options.freshMfaMinutes() != null) {
            tenant.requireFreshMfa(options.freshMfaMinutes() == 0 ? null : options.freshMfaMinutes());
        }
        if (options.tokenLifetimeSeconds() != null) {
            tenant.policy().shortenTokens(options.tokenLifetimeSeconds());
        }
        tenant.limitRate(options.rateLimit());
        tenant.requireDpop(options.dpop());
        if (tenant.policy().credentialKind() == CredentialKind.EUID_KEY) {
            Integer last = em.createQuery("select max(t.euidSiteId) from Tenant t", Integer.class).getSingleResult();
            tenant.assignEuidSite(last == null ? 1 : last + 1);
        }
        em.persist(tenant);
        if (tenant.euidSiteId() != null) {
            try {
                em.flush();
            } catch (PersistenceException sameSite) {
                // two operators creating participants at the same instant took the same next site ID: one of them asks again
                throw DomainException.conflict("euid-site-taken", "Another participant was created at the same moment; create this one again.");
            }
        }
        audit.record(tenant, AuditAction.TENANT_CREATED, caller.actor(), "tenant", tenant.slug(),
                "policy " + preset.slug() + ", environments " + tenant.environments()
                        + (tenant.euidSiteId() == null ? "" : ", EUID site " + tenant.euidSiteId())
                        + (accessRole == null ? "" : ", members need the Keycloak role " + tenant.accessRole())
                        + (options.disableUserOnRemoval() ? ", removal disables the Keycloak account" : "")
                        + (tenant.freshMfaMinutes() == null ? "" : ", admins need an MFA login within " + tenant.freshMfaMinutes() + " min")
                        + (options.tokenLifetimeSeconds() == null ? "" : ", access tokens last " + options.tokenLifetimeSeconds() + " s")
                        + (tenant.rateLimit().limits() ? ", credentials limited to " + tenant.rateLimit() : "")
                        + (DpopRule.OPTIONAL.equals(tenant.dpop()) ? "" : ", DPoP " + tenant.dpop()));

        Map<String, TeamMember> members = new LinkedHashMap<>();
        if (team == null || team.isEmpty()) {
            members.put(caller.subject(), tenant.admit(null, caller.subject(), caller.username(), caller.email(),
                    MemberRole.SUPER_ADMIN, now));
        } else {
            for (Founder founder : team) {
                DirectoryUser user = directory.findByUsername(founder.username()).orElseThrow(() -> DomainException.invalid(
                        "unknown-user", "No Keycloak user '" + founder.username() + "' in the realm."));
                if (members.containsKey(user.subject())) {
                    throw DomainException.invalid("duplicate-member", founder.username() + " is named twice.");
                }
                TeamMember member = tenant.admit(null, user.subject(), user.username(), user.email(), founder.role(), now);
                member.follow(user.enabled(), user.mfaConfigured(), member.tenant().admits(user.realmRoles()));
                members.put(user.subject(), member);
            }
        }
        for (TeamMember member : members.values()) {
            em.persist(member);
            audit.record(tenant, AuditAction.MEMBER_ADDED, caller.actor(), "member", member.id(),
                    member.username() + " as " + member.role().slug());
        }
        return tenant;
    }

    /**
     * Sets the rate limit of the tenant's credentials (those without one of their own), for operators and the tenant's
     * member managers. Every credential of the tenant counts as changed, so that each server's copy of it, and the
     * limit it counts against, is read again.
     */
    public Tenant limitRate(Caller caller, String slug, RateLimit limit) {
        Tenant tenant = settable(caller, slug);
        RateLimit before = tenant.rateLimit();
        tenant.limitRate(limit);
        credentials.touchAll(tenant, clock.instant());
        audit.record(tenant, AuditAction.TENANT_LIMIT_CHANGED, caller.actor(), "tenant", tenant.slug(),
                "credentials' rate limit " + before + " → " + tenant.rateLimit());
        return tenant;
    }

    /**
     * Sets what the tenant asks of DPoP, for operators and the tenant's member managers (as rate limits). Every credential of
     * the tenant counts as changed, so that each server reads the rule again: once it is required, bearer tokens already
     * issued stop opening the store API at once.
     */
    public Tenant requireDpop(Caller caller, String slug, DpopRule rule) {
        Tenant tenant = settable(caller, slug);
        DpopRule before = tenant.dpop();
        tenant.requireDpop(rule);
        credentials.touchAll(tenant, clock.instant());
        audit.record(tenant, AuditAction.TENANT_DPOP_CHANGED, caller.actor(), "tenant", tenant.slug(),
                "DPoP " + before + " → " + tenant.dpop());
        return tenant;
    }

    /** The tenant whose settings {@code caller} may change: any, for an operator; else one where they manage members. */
    private Tenant settable(Caller caller, String slug) {
        if (caller.operator()) {
            return scope.find(slug).orElseThrow(() -> DomainException.notFound("tenant", slug));
        }
        Membership m = scope.require(slug, caller);
        m.policy().checkMaySetRateLimits(m.member());
        return m.tenant();
    }

    /** Operators see every tenant; anyone else only the tenants they belong to. */
    public Tenant get(Caller caller, String slug) {
        if (caller.operator()) {
            return scope.find(slug).orElseThrow(() -> DomainException.notFound("tenant", slug));
        }
        return scope.require(slug, caller).tenant();
    }
}
