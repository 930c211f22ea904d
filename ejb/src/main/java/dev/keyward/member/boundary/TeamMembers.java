package dev.keyward.member.boundary;

import dev.keyward.access.Caller;
import dev.keyward.access.Membership;
import dev.keyward.access.TenantScope;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.audit.boundary.Refusals;
import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.member.control.DirectoryUser;
import dev.keyward.member.control.KeycloakDirectory;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's team: adding people who exist in Keycloak, changing their role, removing them. Removal
 * revokes the member's credentials in the same transaction where the tenant's policy says so.
 */
@Stateless
public class TeamMembers {

    @PersistenceContext
    EntityManager em;

    @Inject
    TenantScope scope;

    @Inject
    KeycloakDirectory directory;

    @Inject
    AuditTrail audit;

    @Inject
    Refusals refusals;

    @EJB
    ClientCredentials credentials;

    @Inject
    Clock clock;

    /** The caller's active memberships, across tenants. */
    public List<TeamMember> memberships(Caller caller) {
        return em.createNamedQuery(TeamMember.ACTIVE_BY_SUBJECT, TeamMember.class)
                .setParameter("subject", caller.subject()).getResultList();
    }

    public List<TeamMember> list(String slug, Caller caller) {
        Membership m = scope.require(slug, caller);
        return em.createNamedQuery(TeamMember.BY_TENANT, TeamMember.class).setParameter("tenant", m.tenant()).getResultList();
    }

    public TeamMember add(String slug, Caller caller, String username, MemberRole role) {
        Membership m = scope.require(slug, caller);
        refusals.check(m.tenant(), caller.actor(), "member", username, () -> {
            m.policy().checkMayManageMembers(m.member());
            m.member().checkMayGive(role);
        });
        DirectoryUser user = directory.findByUsername(username).orElseThrow(() -> DomainException.invalid(
                "unknown-user", "No Keycloak user '" + username + "' in the realm."));
        TeamMember member = m.tenant().admit(scope.member(m.tenant(), user.subject()).orElse(null), user.subject(),
                user.username(), user.email(), role, clock.instant());
        em.persist(member);
        member.follow(user.enabled(), user.mfaConfigured(), member.tenant().admits(user.realmRoles()));
        audit.record(m.tenant(), AuditAction.MEMBER_ADDED, caller.actor(), "member", member.id(),
                member.username() + " as " + role.slug());
        return member;
    }

    public TeamMember changeRole(String slug, Caller caller, String memberId, MemberRole role) {
        Membership m = scope.require(slug, caller);
        TeamMember member = member(m.tenant(), memberId);
        MemberRole before = member.role();
        refusals.check(m.tenant(), caller.actor(), "member", memberId, () -> {
            m.policy().checkMayManageMembers(m.member());
            member.changeRole(role, m.member());
        });
        requireAManager(m.tenant());
        audit.record(m.tenant(), AuditAction.MEMBER_ROLE_CHANGED, caller.actor(), "member", member.id(),
                member.username() + ": " + before.slug() + " → " + role.slug());
        return member;
    }

    /**
     * Ends a membership. Under policies that tie credentials to people (Elastic Path: "removing a team
     * member removes the unique client ID and client secret"), the member's credentials are revoked in the
     * same transaction: if anything fails, the member stays and so do the credentials.
     */
    public int remove(String slug, Caller caller, String memberId) {
        Membership m = scope.require(slug, caller);
        TeamMember member = member(m.tenant(), memberId);
        refusals.check(m.tenant(), caller.actor(), "member", memberId, () -> m.policy().checkMayManageMembers(m.member()));
        Instant now = clock.instant();
        member.remove(now);
        requireAManager(m.tenant());
        boolean disable = m.tenant().disablesUserOnRemoval();
        if (disable) {
            // Keycloak first, before this transaction writes to the tenant's audit chain, whose head it would otherwise lock
            // while Keycloak takes its time (every other change of the tenant waiting behind it). If Keycloak refuses, nothing
            // here is kept; if this transaction fails afterwards, the account stays disabled and the removal can be repeated.
            directory.disable(member.subject());
        }
        int revoked = m.policy().revokesOnMemberRemoval()
                ? credentials.revokeAllHeldBy(m.tenant(), member, m.member(), caller.actor(), "member-removed")
                : 0;
        audit.record(m.tenant(), AuditAction.MEMBER_REMOVED, caller.actor(), "member", member.id(),
                member.username() + (revoked > 0 ? "; " + revoked + " credential(s) revoked" : "")
                        + (disable ? "; Keycloak account disabled" : ""));
        return revoked;
    }

    private TeamMember member(Tenant tenant, String memberId) {
        return em.createNamedQuery(TeamMember.BY_TENANT_AND_ID, TeamMember.class)
                .setParameter("tenant", tenant).setParameter("id", memberId)
                .getResultStream().filter(TeamMember::isActive).findFirst()
                .orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    /** A tenant always keeps someone who can manage its team. */
    private void requireAManager(Tenant tenant) {
        em.flush();
        boolean managed = em.createNamedQuery(TeamMember.BY_TENANT, TeamMember.class).setParameter("tenant", tenant)
                .getResultStream().anyMatch(t -> tenant.policy().memberManagerRoles().contains(t.role()));
        if (!managed) {
            throw DomainException.conflict("last-manager",
                    "This would leave the tenant without anyone who can manage its team; give someone else that role first.");
        }
    }

    /**
     * Whether Keycloak has MFA configured for the caller; empty when Keycloak does not know them or cannot say now.
     * Only this one fact depends on Keycloak answering, so its silence leaves it unknown rather than failing the call.
     */
    public Optional<Boolean> mfaConfigured(Caller caller) {
        try {
            return directory.findBySubject(caller.subject()).map(DirectoryUser::mfaConfigured);
        } catch (DomainException unavailable) {
            if (unavailable.kind() != DomainException.Kind.UNAVAILABLE) {
                throw unavailable;
            }
            return Optional.empty();
        }
    }
}
