package dev.keyward.notice.control;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.notice.Notice;
import dev.keyward.domain.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes notices into the outbox, in the caller's transaction: a notice exists exactly when the change it tells of
 * does. Each says what happened, what to do, and where in the console. Never a secret, only the credential's name,
 * its client ID and its hint.
 */
@ApplicationScoped
public class Outbox {

    private static final Set<MemberRole> ADMINS = EnumSet.of(MemberRole.ADMIN, MemberRole.SUPER_ADMIN);
    private static final Set<MemberRole> SUPER_ADMINS = EnumSet.of(MemberRole.SUPER_ADMIN);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String keywardUrl;

    /** A secret of the credential was reported leaked and the credential revoked: its owner and the tenant's admins hear of it. */
    public void leaked(ClientCredential c, String where) {
        send(c.tenant(), withAdmins(c), "Credential \"" + c.name() + "\" was revoked: its secret was found in public",
                "A secret of the credential \"" + c.name() + "\" (" + c.clientId() + ", " + c.secretHint() + ") in "
                        + c.tenant().slug() + " was " + where + ".\n\n"
                        + "Keyward revoked the credential at once; the tokens issued with it stopped working too.\n\n"
                        + "What to do: generate a new credential in the console and put its secret where the old one was used, "
                        + "in a secret store rather than in code. Remove the leaked secret from where it was found, and from "
                        + "its history.\n\n" + console(c));
    }

    /** Someone other than its owner revoked the credential: the owner hears who. */
    public void revokedBy(ClientCredential c, String byUsername) {
        send(c.tenant(), ownerOnly(c), "Credential \"" + c.name() + "\" was revoked by " + byUsername,
                "Your credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " was revoked by "
                        + byUsername + " at " + WHEN.format(c.revokedAt()) + ". It no longer issues tokens, and the tokens "
                        + "issued with it stopped working.\n\n"
                        + "What to do: if you still need access, generate a new credential in the console (or ask "
                        + byUsername + " why).\n\n" + console(c));
    }

    /** Someone broke the glass on the credential: its owner and every super admin of the tenant hear who and why. */
    public void brokeGlass(ClientCredential c, String byUsername, String reason) {
        send(c.tenant(), ownerAnd(c, SUPER_ADMINS), "Credential \"" + c.name() + "\" was revoked in an emergency by " + byUsername,
                "The credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " was revoked by "
                        + byUsername + " at " + WHEN.format(c.revokedAt()) + ", breaking the glass: an emergency revocation "
                        + "that the tenant's policy would not otherwise allow. The reason given:\n\n    " + reason + "\n\n"
                        + "Its tokens stopped working too. What to do: if this is news to you, ask " + byUsername
                        + " and check the audit trail (credential.break-glass-revoked); the owner may generate a new "
                        + "credential in the console.\n\n" + console(c));
    }

    /** The credential has gone unused and will be disabled as dormant at {@code sleepsAt} unless it is used before. */
    public void dormantSoon(ClientCredential c, Instant sleepsAt) {
        send(c.tenant(), ownerOnly(c), "Credential \"" + c.name() + "\" will be disabled for lack of use",
                "Your credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " was last used "
                        + WHEN.format(c.lastSignOfLife()) + ". The tenant disables credentials that go unused for "
                        + c.tenant().dormantAfterDays() + " days: this one on " + WHEN.format(sleepsAt) + ".\n\n"
                        + "What to do: nothing if you no longer need it (revoke it, even better). To keep it, use it before "
                        + "then; once disabled, only you can enable it again.\n\n" + console(c));
    }

    /** The credential was disabled as dormant: its owner hears how to wake it. */
    public void dormant(ClientCredential c) {
        send(c.tenant(), ownerOnly(c), "Credential \"" + c.name() + "\" was disabled for lack of use",
                "Your credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " went unused for "
                        + c.tenant().dormantAfterDays() + " days and was disabled; it issues no tokens now.\n\n"
                        + "What to do: if you still need it, enable it in the console (only you can); otherwise revoke it."
                        + "\n\n" + console(c));
    }

    /** Keycloak suspended the member (disabled, or the tenant's role taken away): their credentials stop, and they hear why. */
    public void suspended(TeamMember member, int held) {
        if (held == 0 || !mailable(member.email())) {
            return;
        }
        Tenant tenant = member.tenant();
        send(tenant, Set.of(member.email()), "Your credentials in " + tenant.slug() + " are suspended",
                "Keycloak says: " + member.suspension() + ". While that holds, your " + held + " credential(s) in "
                        + tenant.slug() + " issue no tokens, and the tokens they issued stopped working.\n\n"
                        + "What to do: ask your administrator to restore your account or role in Keycloak; your credentials "
                        + "work again by themselves once it is.\n\n-- Keyward, for " + tenant.name());
    }

    /** A rotation's grace ends soon: the previous secret stops working at {@code until}. */
    public void graceEnding(ClientCredential c, Instant until) {
        send(c.tenant(), ownerOnly(c), "The previous secret of \"" + c.name() + "\" stops working at " + WHEN.format(until),
                "Your credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " was rotated; its "
                        + "previous secret keeps working until " + WHEN.format(until) + ", then only the new one ("
                        + c.secretHint() + ") does.\n\n"
                        + "What to do: make sure everything that used the previous secret has the new one by then.\n\n" + console(c));
    }

    /** The credential expires soon ({@code daysLeft} whole days, 0 for less than one): its owner hears when. */
    public void expiring(ClientCredential c, long daysLeft) {
        String in = daysLeft < 1 ? "within a day" : daysLeft == 1 ? "in a day" : "in " + daysLeft + " days";
        send(c.tenant(), ownerOnly(c), "Credential \"" + c.name() + "\" expires " + in,
                "Your credential \"" + c.name() + "\" (" + c.clientId() + ") in " + c.tenant().slug() + " expires on "
                        + WHEN.format(c.expiresAt()) + ". After that it issues no tokens.\n\n"
                        + "What to do: generate its successor in the console and move to it before then.\n\n" + console(c));
    }

    private void send(Tenant tenant, Set<String> recipients, String subject, String body) {
        Instant now = clock.instant();
        for (String to : recipients) {
            em.persist(new Notice(tenant.id(), to, "[Keyward] " + subject, body, now));
        }
    }

    private String console(ClientCredential c) {
        return "In the console (tenant " + c.tenant().slug() + "): " + keywardUrl + "/console/#/account/credentials\n\n"
                + "-- Keyward, for " + c.tenant().name();
    }

    private static Set<String> ownerOnly(ClientCredential c) {
        Set<String> to = new LinkedHashSet<>();
        if (c.owner() != null && mailable(c.owner().email())) {
            to.add(c.owner().email());
        }
        return to;
    }

    private Set<String> withAdmins(ClientCredential c) {
        return ownerAnd(c, ADMINS);
    }

    /** The credential's owner and the tenant's active members in {@code roles}, each address once. */
    private Set<String> ownerAnd(ClientCredential c, Set<MemberRole> roles) {
        Set<String> to = ownerOnly(c);
        em.createNamedQuery(TeamMember.BY_TENANT, TeamMember.class).setParameter("tenant", c.tenant()).getResultList().stream()
                .filter(m -> m.isActive() && roles.contains(m.role()))
                .map(TeamMember::email).filter(Outbox::mailable).forEach(to::add);
        return to;
    }

    private static boolean mailable(String address) {
        return address != null && !address.isBlank();
    }
}
