package dev.keyward.credential;

import dev.keyward.access.Caller;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.it.Deployments;
import dev.keyward.member.boundary.TeamMembers;
import dev.keyward.notice.boundary.Deliveries;
import dev.keyward.tenant.boundary.Tenants;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBTransactionRolledbackException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside the server, with time moved by rewriting when credentials were made or end: a tenant that disables credentials
 * unused for 30 days warns a week before, disables on the day, audits it and mails the owner, once each; only the
 * owner wakes a dormant credential. A credential past its expiry is written down as expired, once.
 */
@ExtendWith(ArquillianExtension.class)
class DormantCredentialsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.probe(DormantCredentialsIT.class);
    }

    @EJB(lookup = "java:global/keyward/keyward-ejb/Tenants")
    Tenants tenants;

    @EJB(lookup = "java:global/keyward/keyward-ejb/TeamMembers")
    TeamMembers members;

    @EJB(lookup = "java:global/keyward/keyward-ejb/ClientCredentials")
    ClientCredentials credentials;

    @EJB(lookup = "java:global/keyward/keyward-ejb/Deliveries")
    Deliveries deliveries;

    @EJB(lookup = "java:global/keyward/keyward-ejb/AuditTrail")
    AuditTrail audit;

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    @Test
    void unusedCredentialsAreWarnedAWeekAheadThenDisabledAndOnlyTheirOwnerWakesThem() throws Exception {
        String id = UUID.randomUUID().toString();
        String email = "owner-" + id.substring(0, 8) + "@keyward.test";
        Caller owner = new Caller(id, "owner-" + id.substring(0, 8), email, true, false, "127.0.0.1", null);
        Tenant tenant = tenants.create(owner, "dormant-" + id.substring(0, 8), "Dormant", "elastic-path", null,
                Tenants.Options.NONE.withFreshMfaMinutes(0).withDormantAfterDays(30), List.of());
        String slug = tenant.slug();
        members.add(slug, owner, "alice", MemberRole.ADMIN);
        String alicesSubject = members.list(slug, owner).stream().filter(m -> m.username().equals("alice")).findFirst().orElseThrow().subject();
        Caller alice = new Caller(alicesSubject, "alice", "alice@keyward.test", false, false, "127.0.0.1", null);

        // one credential a person: the owner's, made 40 days ago as far as the database knows
        String old = credentials.create(slug, owner, "forty days quiet", null, Set.of(), null).credential().id();
        madeAgo(old, Duration.ofDays(40));
        scan(() -> deliveries.sleepDormant(500)); // the server's own scan (every second in the tests) may have got there first
        ClientCredential slept = credentials.get(slug, owner, old);
        assertEquals(CredentialStatus.DISABLED, slept.statusAt(Instant.now()));
        assertTrue(slept.dormant());
        AuditEvent disabled = events(tenant, AuditAction.CREDENTIAL_DISABLED).get(0);
        assertEquals(old, disabled.targetId());
        assertTrue(disabled.detail().contains("dormant"), disabled.detail());
        assertEquals(List.of("[Keyward] Credential \"forty days quiet\" was disabled for lack of use"), subjects(email));
        assertEquals(0, scan(() -> deliveries.sleepDormant(500)), "disabled once");

        PolicyRefusedException notTheirs = assertThrows(PolicyRefusedException.class, () -> credentials.enable(slug, alice, old));
        assertEquals("dormant-owner-only", notTheirs.rule());
        credentials.enable(slug, owner, old);
        ClientCredential awake = credentials.get(slug, owner, old);
        assertEquals(CredentialStatus.ACTIVE, awake.statusAt(Instant.now()));
        assertFalse(awake.dormant());
        assertEquals(1, events(tenant, AuditAction.CREDENTIAL_ENABLED).size());

        // alice's credential, quiet for 25 days: a week (less) to go, so a warning, once; the woken one counts from its waking
        String quiet = credentials.create(slug, alice, "twenty-five days quiet", null, Set.of(), null).credential().id();
        madeAgo(quiet, Duration.ofDays(25));
        assertEquals(0, scan(() -> deliveries.sleepDormant(500)), "the woken credential is not put back to sleep");
        scan(() -> deliveries.sleepDormant(500));
        assertEquals(CredentialStatus.ACTIVE, credentials.get(slug, owner, old).statusAt(Instant.now()));
        assertEquals(CredentialStatus.ACTIVE, credentials.get(slug, alice, quiet).statusAt(Instant.now()));
        List<String> warned = subjects("alice@keyward.test").stream().filter(s -> s.contains("twenty-five days quiet")).toList();
        assertEquals(List.of("[Keyward] Credential \"twenty-five days quiet\" will be disabled for lack of use"), warned, "once");
    }

    @Test
    void aCredentialPastItsExpiryIsWrittenDownAsExpiredOnceAndAudited() throws Exception {
        String id = UUID.randomUUID().toString();
        Caller owner = new Caller(id, "owner-" + id.substring(0, 8), null, true, false, "127.0.0.1", null);
        Tenant tenant = tenants.create(owner, "expiring-" + id.substring(0, 8), "Expiring", "elastic-path", null,
                Tenants.Options.NONE.withFreshMfaMinutes(0), List.of());
        String credential = credentials.create(tenant.slug(), owner, "ran out", null, Set.of(), null).credential().id();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update client_credential set expires_at = ? where id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            s.setString(2, credential);
            assertEquals(1, s.executeUpdate());
        }
        scan(() -> credentials.settleExpired(500)); // the server's own scan (every second in the tests) may have got there first
        assertEquals(CredentialStatus.EXPIRED, credentials.get(tenant.slug(), owner, credential).statusAt(Instant.now()));
        List<AuditEvent> expired = events(tenant, AuditAction.CREDENTIAL_EXPIRED);
        assertEquals(1, expired.size());
        assertEquals(credential, expired.get(0).targetId());
        scan(() -> credentials.settleExpired(500));
        assertEquals(1, events(tenant, AuditAction.CREDENTIAL_EXPIRED).size(), "written down once");
    }

    /**
     * One scan, as the server's own runs every second here: when both write the same rows at once, one of the two rolls
     * back (the database keeps the change single), and the scan tried again finds the rows done.
     */
    private static <T> T scan(Supplier<T> scan) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return scan.get();
            } catch (EJBTransactionRolledbackException concurrent) {
                if (attempt == 5) {
                    throw concurrent;
                }
                Thread.sleep(200);
            }
        }
    }

    private void madeAgo(String credentialId, Duration ago) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update client_credential set created_at = ? where id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(ago)));
            s.setString(2, credentialId);
            assertEquals(1, s.executeUpdate());
        }
    }

    private List<String> subjects(String recipient) throws Exception {
        List<String> subjects = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select subject from notice where recipient = ? order by created_at")) {
            s.setString(1, recipient);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    subjects.add(r.getString(1));
                }
            }
        }
        return subjects;
    }

    private List<AuditEvent> events(Tenant tenant, AuditAction action) {
        return audit.list(tenant, action, null, null, null, 0, 50);
    }
}
