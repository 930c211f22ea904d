package dev.keyward.member.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.member.control.DirectoryUser;
import dev.keyward.notice.control.Outbox;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Applies what Keycloak now says about one person to all their memberships, in one transaction with its
 * audit events: a disabled account or a lost access role suspends their credentials, re-enabling restores
 * them, a deleted account ends every membership and revokes what they held, an MFA change is recorded for
 * the rules that read it. Keycloak is the actor; {@code cause} says what Keyward saw.
 */
@Stateless
public class DirectorySync {

    /** The actor of changes Keyward makes because Keycloak said so. */
    static final Actor KEYCLOAK = new Actor("keycloak", "keycloak", null);

    @PersistenceContext
    EntityManager em;

    @EJB
    ClientCredentials credentials;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Everyone who is a member somewhere: what a full reconciliation walks through. */
    public List<String> memberSubjects() {
        return em.createQuery("select distinct m.subject from TeamMember m where m.status = dev.keyward.domain.member.MemberStatus.ACTIVE",
                String.class).getResultList();
    }

    /** Applies what Keycloak now says of one person (empty: deleted) to each of their memberships; answers how many changed. */
    public int follow(String subject, Optional<DirectoryUser> user, String cause) {
        List<TeamMember> memberships = em.createNamedQuery(TeamMember.ACTIVE_BY_SUBJECT, TeamMember.class)
                .setParameter("subject", subject).getResultList();
        int changed = 0;
        for (TeamMember member : memberships) {
            if (user.isEmpty()) {
                deleted(member, cause);
                changed++;
            } else if (follow(member, user.get(), cause)) {
                changed++;
            }
        }
        return changed;
    }

    private boolean follow(TeamMember member, DirectoryUser user, String cause) {
        var tenant = member.tenant();
        TeamMember.Change change = member.follow(user.enabled(), user.mfaConfigured(), tenant.admits(user.realmRoles()));
        if (!change.any()) {
            return false;
        }
        int held = credentials.ownerChanged(tenant, member);
        if (change.suspendedNow() && !change.suspendedBefore()) {
            audit.record(tenant, AuditAction.MEMBER_SUSPENDED, KEYCLOAK, "member", member.id(),
                    member.username() + ": " + member.suspension() + "; " + held + " credential(s) suspended (" + cause + ")");
            outbox.suspended(member, held);
        } else if (!change.suspendedNow() && change.suspendedBefore()) {
            audit.record(tenant, AuditAction.MEMBER_RESTORED, KEYCLOAK, "member", member.id(),
                    member.username() + ": Keycloak allows them again; " + held + " credential(s) restored (" + cause + ")");
        }
        if (change.mfaBefore() != change.mfaNow()) {
            audit.record(tenant, AuditAction.MEMBER_MFA_CHANGED, KEYCLOAK, "member", member.id(),
                    member.username() + ": MFA " + (change.mfaNow() ? "configured" : "removed") + " (" + cause + ")");
        }
        return true;
    }

    private void deleted(TeamMember member, String cause) {
        var tenant = member.tenant();
        member.remove(clock.instant());
        int revoked = credentials.revokeAllHeldBy(tenant, member, null, KEYCLOAK, "owner deleted in Keycloak");
        audit.record(tenant, AuditAction.MEMBER_REMOVED, KEYCLOAK, "member", member.id(),
                member.username() + ": deleted in Keycloak; " + revoked + " credential(s) revoked (" + cause + ")");
    }
}
