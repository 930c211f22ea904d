package dev.keyward.access;

import dev.keyward.access.Caller;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.tenant.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Resolves the tenant a request names and the caller's membership of it. A tenant the caller does not
 * belong to answers exactly like one that does not exist: its existence is nobody else's business.
 */
@Dependent
public class TenantScope {

    @PersistenceContext
    EntityManager em;

    public Optional<Tenant> find(String slug) {
        return em.createNamedQuery(Tenant.BY_SLUG, Tenant.class).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    public Membership require(String slug, Caller caller) {
        Tenant tenant = find(slug).orElseThrow(() -> DomainException.notFound("tenant", slug));
        TeamMember member = activeMember(tenant, caller.subject())
                .orElseThrow(() -> DomainException.notFound("tenant", slug));
        return new Membership(tenant, member);
    }

    public Optional<TeamMember> activeMember(Tenant tenant, String subject) {
        return member(tenant, subject).filter(TeamMember::isActive);
    }

    /** The person's membership of the tenant, active or removed: one row per person and tenant, ever. */
    public Optional<TeamMember> member(Tenant tenant, String subject) {
        return em.createNamedQuery(TeamMember.BY_TENANT_AND_SUBJECT, TeamMember.class)
                .setParameter("tenant", tenant).setParameter("subject", subject)
                .getResultStream().findFirst();
    }
}
