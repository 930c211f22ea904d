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
        TeamMember owner = c.owner();
        if (owner != null && owner.email() != null && !owner.email().isBlank()) {
            to.add(owner.email());
        }
        return to;
    }

    private Set<String> withAdmins(ClientCredential c) {
        Set<String> to = ownerOnly(c);
        em.createNamedQuery(TeamMember.BY_TENANT, TeamMember.class).setParameter("tenant", c.tenant()).getResultList().stream()
                .filter(m -> m.isActive() && (m.role() == MemberRole.ADMIN || m.role() == MemberRole.SUPER_ADMIN))
                .map(TeamMember::email).filter(e -> e != null && !e.isBlank()).forEach(to::add);
        return to;
    }
}
