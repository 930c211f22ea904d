package dev.keyward.domain.member;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A Keycloak user's membership of one tenant. The subject is Keycloak's user id, stable across renames;
 * username and e-mail are copies for display. A removed member keeps the row, and can be added again.
 */
@Entity
@Table(name = "team_member", uniqueConstraints = @UniqueConstraint(name = "uk_member_tenant_subject",
        columnNames = {"tenant_id", "subject"}))
@NamedQuery(name = TeamMember.ACTIVE_BY_SUBJECT, query = "select m from TeamMember m join fetch m.tenant t join fetch t.policy"
        + " where m.subject = :subject and m.status = dev.keyward.domain.member.MemberStatus.ACTIVE order by t.slug")
@NamedQuery(name = TeamMember.BY_TENANT, query = "select m from TeamMember m where m.tenant = :tenant"
        + " and m.status = dev.keyward.domain.member.MemberStatus.ACTIVE order by m.username")
@NamedQuery(name = TeamMember.BY_TENANT_AND_SUBJECT,
        query = "select m from TeamMember m where m.tenant = :tenant and m.subject = :subject")
@NamedQuery(name = TeamMember.BY_TENANT_AND_ID,
        query = "select m from TeamMember m where m.tenant = :tenant and m.id = :id")
public class TeamMember {

    public static final String ACTIVE_BY_SUBJECT = "TeamMember.activeBySubject";
    public static final String BY_TENANT = "TeamMember.byTenant";
    public static final String BY_TENANT_AND_SUBJECT = "TeamMember.byTenantAndSubject";
    public static final String BY_TENANT_AND_ID = "TeamMember.byTenantAndId";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    @Column(nullable = false, length = 64)
    private String subject;

    @Column(nullable = false, length = 255)
    private String username;

    @Column(length = 320)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MemberRole role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MemberStatus status;

    /** What Keycloak last said about the person's MFA; the token endpoint reads it under Sensedia's rule. */
    @Column(name = "mfa_enabled", nullable = false)
    private boolean mfaEnabled;

    /** Keycloak's word: the user account is enabled. */
    @Column(name = "keycloak_enabled", nullable = false)
    private boolean keycloakEnabled = true;

    /** Keycloak's word: the person holds the realm role the tenant asks for (or it asks for none). */
    @Column(name = "access_granted", nullable = false)
    private boolean accessGranted = true;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Version
    private long version;

    protected TeamMember() {
    }

    public TeamMember(Tenant tenant, String subject, String username, String email, MemberRole role, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.tenant = tenant;
        this.subject = subject;
        this.username = username;
        this.email = email;
        this.role = role;
        this.status = MemberStatus.ACTIVE;
        this.addedAt = now;
    }

    /** Adds a removed member back, with the role now given. */
    public void rejoin(MemberRole newRole, Instant now) {
        if (status == MemberStatus.ACTIVE) {
            throw DomainException.conflict("already-member", username + " is already a member of " + tenant.slug() + ".");
        }
        status = MemberStatus.ACTIVE;
        role = newRole;
        addedAt = now;
        removedAt = null;
    }

    public void changeRole(MemberRole newRole, TeamMember by) {
        by.checkMayGive(newRole);
        if (role == MemberRole.SUPER_ADMIN && by.role != MemberRole.SUPER_ADMIN) {
            throw new PolicyRefusedException("super-admin-grant",
                    "Only a super admin may change a super admin's role.");
        }
        role = newRole;
    }

    /**
     * Refuses a role this member may not give, whether by adding, inviting or promoting someone: only a super
     * admin makes someone a super admin, so no admin can raise anyone, themselves included, above admin.
     */
    public void checkMayGive(MemberRole newRole) {
        if (newRole == MemberRole.SUPER_ADMIN && role != MemberRole.SUPER_ADMIN) {
            throw new PolicyRefusedException("super-admin-grant", "Only a super admin may make someone a super admin.");
        }
    }

    public void remove(Instant now) {
        status = MemberStatus.REMOVED;
        removedAt = now;
    }

    /** What changed when Keyward last followed Keycloak; empty when nothing did. */
    public record Change(boolean suspendedBefore, boolean suspendedNow, boolean mfaBefore, boolean mfaNow) {

        public boolean any() {
            return suspendedBefore != suspendedNow || mfaBefore != mfaNow;
        }
    }

    /**
     * Follows what Keycloak says about the person now: whether the account is enabled, whether MFA is
     * configured, whether they hold the tenant's access role. A disabled account or a missing role
     * suspends the member's credentials; the member stays, and is restored when Keycloak says so again.
     */
    public Change follow(boolean enabled, boolean mfa, boolean granted) {
        Change change = new Change(suspended(), !(enabled && granted), mfaEnabled, mfa);
        this.keycloakEnabled = enabled;
        this.accessGranted = granted;
        this.mfaEnabled = mfa;
        return change;
    }

    /** Keycloak says this person may not use credentials now (still a member). */
    public boolean suspended() {
        return !keycloakEnabled || !accessGranted;
    }

    /** Why, in words, or null. */
    public String suspension() {
        if (!keycloakEnabled) {
            return "their Keycloak account is disabled";
        }
        return accessGranted ? null : "they no longer hold the Keycloak role '" + tenant.accessRole() + "'";
    }

    public boolean isActive() { return status == MemberStatus.ACTIVE; }
    public String id() { return id; }
    public Tenant tenant() { return tenant; }
    public String subject() { return subject; }
    public String username() { return username; }
    public String email() { return email; }
    public MemberRole role() { return role; }
    public MemberStatus status() { return status; }
    public boolean mfaEnabled() { return mfaEnabled; }
    public boolean keycloakEnabled() { return keycloakEnabled; }
    public Instant addedAt() { return addedAt; }
}
