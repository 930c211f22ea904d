package dev.keyward.member.boundary;

import dev.keyward.access.Caller;
import dev.keyward.access.Membership;
import dev.keyward.access.TenantScope;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.audit.boundary.Refusals;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.member.Invitation;
import dev.keyward.domain.member.InvitationStatus;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.member.control.KeycloakDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inviting people into a tenant's team. Keycloak holds the person: Keyward finds them by e-mail or
 * creates them with no password and the actions a new member takes, and has Keycloak send its own
 * e-mail. The membership begins on the invitee's first authenticated call to Keyward.
 */
@Stateless
public class Invitations {

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

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.invitations.lifetime")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String keywardUrl;

    /** What Keycloak's e-mail link ends on: the console, where the invitee signs in. */
    static final String CONSOLE_CLIENT = "keyward-console";

    public Invitation invite(String slug, Caller caller, String email, MemberRole role) {
        Membership m = scope.require(slug, caller);
        String address = Invitation.normalise(email);
        refusals.check(m.tenant(), caller.actor(), "invitation", address, () -> {
            m.policy().checkMayManageMembers(m.member());
            m.member().checkMayGive(role);
        });
        Instant now = clock.instant();
        KeycloakDirectory.Invitee invitee = directory.findOrCreateInvitee(address);
        if (scope.activeMember(m.tenant(), invitee.subject()).isPresent()) {
            throw DomainException.conflict("already-member", address + " is already a member of " + m.tenant().slug() + ".");
        }
        List<Invitation> existing = invitations(m);
        if (existing.stream().anyMatch(i -> i.email().equals(address) && i.statusAt(now) == InvitationStatus.PENDING)) {
            throw DomainException.conflict("invitation-pending",
                    address + " already has a pending invitation to " + m.tenant().slug() + "; re-send it instead.");
        }
        Invitation invitation = new Invitation(m.tenant(), address, role, invitee.subject(), caller.username(), now, lifetime);
        em.persist(invitation);
        em.flush(); // the unique key settles a race between two admins before Keycloak mails anyone
        // Keycloak's mail before anything is written to the tenant's audit chain: its head stays free while Keycloak answers
        mail(invitation, invitee.hasPassword(), now);
        existing.forEach(i -> settle(i, now)); // the expiries that have happened, written down now that Keycloak has answered
        audit.record(m.tenant(), AuditAction.INVITATION_CREATED, caller.actor(), "invitation", invitation.id(),
                address + " as " + role.slug() + (invitee.created() ? "; new Keycloak account" : "; existing Keycloak account"));
        return invitation;
    }

    public List<Invitation> list(String slug, Caller caller) {
        Membership m = scope.require(slug, caller);
        m.policy().checkMayManageMembers(m.member());
        return settled(m, clock.instant());
    }

    public Invitation resend(String slug, Caller caller, String id) {
        Membership m = scope.require(slug, caller);
        Invitation invitation = managed(m, caller, id);
        Instant now = clock.instant();
        mail(invitation, false, now);
        audit.record(m.tenant(), AuditAction.INVITATION_RESENT, caller.actor(), "invitation", invitation.id(),
                invitation.email() + " (send " + invitation.sendCount() + ")");
        return invitation;
    }

    public Invitation cancel(String slug, Caller caller, String id) {
        Membership m = scope.require(slug, caller);
        Invitation invitation = managed(m, caller, id);
        invitation.cancel(clock.instant());
        audit.record(m.tenant(), AuditAction.INVITATION_CANCELLED, caller.actor(), "invitation", invitation.id(), invitation.email());
        return invitation;
    }

    /**
     * Keeps every pending invitation made to the caller: their first authenticated call to Keyward makes
     * them members. Cheap when there is none: one indexed query.
     */
    public List<Invitation> acceptPending(Caller caller) {
        Instant now = clock.instant();
        List<Invitation> pending = em.createNamedQuery(Invitation.PENDING_FOR_SUBJECT, Invitation.class)
                .setParameter("subject", caller.subject()).getResultList();
        List<Invitation> accepted = new ArrayList<>();
        for (Invitation invitation : pending) {
            if (settle(invitation, now)) {
                continue;
            }
            invitation.accept(now);
            TeamMember known = scope.member(invitation.tenant(), caller.subject()).orElse(null);
            // someone added to the team directly since the invitation was sent keeps the membership they have
            TeamMember member = known != null && known.isActive() ? known
                    : invitation.tenant().admit(known, caller.subject(), caller.username(), caller.email(), invitation.role(), now);
            em.persist(member);
            audit.record(invitation.tenant(), AuditAction.INVITATION_ACCEPTED, caller.actor(), "invitation", invitation.id(),
                    invitation.email());
            audit.record(invitation.tenant(), AuditAction.MEMBER_ADDED, caller.actor(), "member", member.id(),
                    member.username() + " as " + invitation.role().slug() + " (invited by " + invitation.invitedBy() + ")");
            accepted.add(invitation);
        }
        return accepted;
    }

    private void mail(Invitation invitation, boolean hasPassword, Instant now) {
        invitation.sent(now, lifetime);
        List<String> actions = new ArrayList<>(hasPassword ? List.of("VERIFY_EMAIL") : KeycloakDirectory.NEW_MEMBER_ACTIONS);
        boolean admin = invitation.role() == MemberRole.ADMIN || invitation.role() == MemberRole.SUPER_ADMIN;
        if (admin && invitation.tenant().freshMfaMinutes() != null) {
            actions.add("CONFIGURE_TOTP"); // this tenant asks its admins for MFA logins: they set up an authenticator first
        }
        directory.sendActions(invitation.subject(), actions, Duration.between(now, invitation.expiresAt()), CONSOLE_CLIENT,
                keywardUrl + "/console/");
    }

    private Invitation managed(Membership m, Caller caller, String id) {
        refusals.check(m.tenant(), caller.actor(), "invitation", id, () -> m.policy().checkMayManageMembers(m.member()));
        return em.createNamedQuery(Invitation.BY_TENANT_AND_ID, Invitation.class).setParameter("tenant", m.tenant())
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> DomainException.notFound("invitation", id));
    }

    /** The tenant's invitations, newest first, with every expiry that has happened written down and audited. */
    private List<Invitation> settled(Membership m, Instant now) {
        List<Invitation> all = invitations(m);
        all.forEach(i -> settle(i, now));
        return all;
    }

    private List<Invitation> invitations(Membership m) {
        return em.createNamedQuery(Invitation.BY_TENANT, Invitation.class).setParameter("tenant", m.tenant()).getResultList();
    }

    private boolean settle(Invitation invitation, Instant now) {
        if (!invitation.settleExpiry(now)) {
            return false;
        }
        audit.record(invitation.tenant(), AuditAction.INVITATION_EXPIRED, Actor.SYSTEM, "invitation", invitation.id(), invitation.email());
        return true;
    }
}
