package dev.keyward.domain.member;

import dev.keyward.domain.shared.DomainException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An invitation to join a tenant's team (seed 000: admins invite; the invitee registers and sets their own
 * password; admins never see it). Keycloak holds the person and sends the e-mail; Keyward holds the
 * promise of a membership, kept on the invitee's first authenticated call. At most one invitation is
 * pending per tenant and e-mail: {@code openEmail} holds the address while pending, under a unique key.
 */
@Entity
@Table(name = "invitation", uniqueConstraints = @UniqueConstraint(name = "uk_invitation_open",
        columnNames = {"tenant_id", "open_email"}))
@NamedQuery(name = Invitation.BY_TENANT, query = "select i from Invitation i where i.tenant = :tenant order by i.createdAt desc")
@NamedQuery(name = Invitation.BY_TENANT_AND_ID, query = "select i from Invitation i where i.tenant = :tenant and i.id = :id")
@NamedQuery(name = Invitation.PENDING_FOR_SUBJECT, query = "select i from Invitation i join fetch i.tenant t join fetch t.policy"
        + " where i.subject = :subject and i.status = dev.keyward.domain.member.InvitationStatus.PENDING")
public class Invitation {

    public static final String BY_TENANT = "Invitation.byTenant";
    public static final String BY_TENANT_AND_ID = "Invitation.byTenantAndId";
    public static final String PENDING_FOR_SUBJECT = "Invitation.pendingForSubject";

    /**
     * The addresses Keycloak takes (its e-mail validator): a dot-atom local part of up to 64 characters, and a domain
     * of dot-separated labels of letters, digits and inner dashes. Checked here, before Keycloak is asked, so that an
     * address it would refuse is the client's 400 and not a failed call to Keycloak.
     */
    private static final Pattern EMAIL = Pattern.compile("(?=[^@]{1,64}@)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    @Column(nullable = false, length = 320)
    private String email;

    @Column(name = "open_email", length = 320)
    private String openEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MemberRole role;

    /** The Keycloak user the invitation is for, created by Keyward or found by e-mail. */
    @Column(nullable = false, length = 64)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private InvitationStatus status;

    @Column(name = "invited_by", nullable = false, length = 255)
    private String invitedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "send_count", nullable = false)
    private int sendCount;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private long version;

    protected Invitation() {
    }

    public Invitation(Tenant tenant, String email, MemberRole role, String subject, String invitedBy, Instant now, Duration lifetime) {
        this.id = UUID.randomUUID().toString();
        this.tenant = tenant;
        this.email = normalise(email);
        this.openEmail = this.email;
        this.role = role;
        this.subject = subject;
        this.status = InvitationStatus.PENDING;
        this.invitedBy = invitedBy;
        this.createdAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    /** An e-mail address as invitations keep it: trimmed, lower case, and plausibly an address. */
    public static String normalise(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
            throw DomainException.invalid("invalid-email", "That is not an e-mail address Keycloak would take.");
        }
        return e;
    }

    public InvitationStatus statusAt(Instant now) {
        return status == InvitationStatus.PENDING && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : status;
    }

    /** Keycloak sent (or sent again) the e-mail; a re-send also gives the invitee a fresh period. */
    public void sent(Instant now, Duration lifetime) {
        requirePending(now, "re-sent");
        if (sendCount > 0) {
            expiresAt = now.plus(lifetime);
        }
        sentAt = now;
        sendCount++;
    }

    /** The invitee made their first authenticated call: the membership is theirs. */
    public void accept(Instant now) {
        requirePending(now, "accepted");
        close(InvitationStatus.ACCEPTED, now);
    }

    public void cancel(Instant now) {
        requirePending(now, "cancelled");
        close(InvitationStatus.CANCELLED, now);
    }

    /** Writes down an expiry that has happened, freeing the address for a new invitation; true if it did. */
    public boolean settleExpiry(Instant now) {
        if (status == InvitationStatus.PENDING && statusAt(now) == InvitationStatus.EXPIRED) {
            close(InvitationStatus.EXPIRED, expiresAt);
            return true;
        }
        return false;
    }

    private void close(InvitationStatus to, Instant now) {
        status = to;
        openEmail = null;
        closedAt = now;
    }

    private void requirePending(Instant now, String verb) {
        InvitationStatus s = statusAt(now);
        if (s != InvitationStatus.PENDING) {
            throw DomainException.conflict("invitation-" + s.slug(), "This invitation is " + s.slug() + " and cannot be " + verb + ".");
        }
    }

    public String id() { return id; }
    public Tenant tenant() { return tenant; }
    public String email() { return email; }
    public MemberRole role() { return role; }
    public String subject() { return subject; }
    public String invitedBy() { return invitedBy; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant sentAt() { return sentAt; }
    public int sendCount() { return sendCount; }
    public Instant closedAt() { return closedAt; }
}
