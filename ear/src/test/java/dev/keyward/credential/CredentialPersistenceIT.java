package dev.keyward.credential;

import dev.keyward.access.Caller;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.credential.boundary.IssuedSecret;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.it.Deployments;
import dev.keyward.tenant.boundary.Tenants;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.InContainer.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside the provisioned WildFly, against the migrated database: transactions, tenant scoping, and what
 * is stored of a secret. Callers are built directly, so no Keycloak login is involved here.
 */
@ExtendWith(ArquillianExtension.class)
class CredentialPersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.probe(CredentialPersistenceIT.class);
    }

    @EJB(lookup = "java:global/keyward/keyward-ejb/Tenants")
    Tenants tenants;

    @EJB(lookup = "java:global/keyward/keyward-ejb/ClientCredentials")
    ClientCredentials credentials;

    @EJB(lookup = "java:global/keyward/keyward-ejb/AuditTrail")
    AuditTrail audit;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    Tenant tenant(Caller founder, String policy) {
        List<String> presetEnvironments = null;
        return tenants.create(founder, policy + "-" + UUID.randomUUID().toString().substring(0, 8), "In-container", policy,
                presetEnvironments, Tenants.Options.NONE.withFreshMfaMinutes(0), List.of());
    }

    @Test
    void anAuditEventCommitsAndRollsBackWithItsChange() throws Exception {
        Caller root = operator();
        Tenant t = tenant(root, "elastic-path");
        IssuedSecret issued = credentials.create(t.slug(), root, "rolled back", null, Set.of(), null);

        transaction.begin();
        credentials.revoke(t.slug(), root, issued.credential().id());
        transaction.rollback();

        assertEquals(CredentialStatus.ACTIVE, credentials.get(t.slug(), root, issued.credential().id()).statusAt(Instant.now()));
        assertTrue(events(t, AuditAction.CREDENTIAL_REVOKED).isEmpty(), "the revocation's event went with the revocation");

        credentials.revoke(t.slug(), root, issued.credential().id());
        assertEquals(1, events(t, AuditAction.CREDENTIAL_REVOKED).size());
    }

    @Test
    void aRefusalIsKeptWhileTheRefusedChangeRollsBack() {
        Caller root = operator();
        Tenant t = tenant(root, "sensedia");
        credentials.create(t.slug(), root, "first", null, Set.of(), null);

        PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
                () -> credentials.create(t.slug(), root, "second", null, Set.of(), null));
        assertEquals("one-active-per-member", refused.rule());

        assertEquals(1, credentials.list(t.slug(), root, true).size(), "nothing of the second credential remains");
        assertEquals(1, events(t, AuditAction.CREDENTIAL_CREATED).size());
        List<AuditEvent> refusals = events(t, AuditAction.POLICY_REFUSED);
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).detail().startsWith("one-active-per-member"), refusals.get(0).detail());
    }

    @Test
    void everyQueryIsScopedToItsTenant() {
        Caller root = operator();
        Tenant a = tenant(root, "elastic-path");
        Tenant b = tenant(root, "elastic-path");
        IssuedSecret inA = credentials.create(a.slug(), root, "in a", null, Set.of(), null);

        DomainException notFound = assertThrows(DomainException.class, () -> credentials.get(b.slug(), root, inA.credential().id()));
        assertEquals(DomainException.Kind.NOT_FOUND, notFound.kind());
        assertThrows(DomainException.class, () -> credentials.revoke(b.slug(), root, inA.credential().id()));
        assertTrue(credentials.list(b.slug(), root, true).isEmpty());
        assertTrue(audit.list(b, null, null, null, null, 0, 100).stream().noneMatch(e -> inA.credential().id().equals(e.targetId())));

        Caller stranger = operator();
        assertEquals(DomainException.Kind.NOT_FOUND,
                assertThrows(DomainException.class, () -> credentials.list(a.slug(), stranger, false)).kind(),
                "a tenant someone does not belong to does not exist for them");
    }

    @Test
    void theSecretIsStoredOnlyAsAKeyedHash() throws Exception {
        Caller root = operator();
        Tenant t = tenant(root, "elastic-path");
        IssuedSecret issued = credentials.create(t.slug(), root, "hashed", null, Set.of(), null);
        String secret = issued.clientSecret();

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select * from client_credential where id = ?")) {
            s.setString(1, issued.credential().id());
            try (ResultSet row = s.executeQuery()) {
                assertTrue(row.next());
                String stored = row.getString("secret_hash");
                assertTrue(stored.matches("[0-9a-f]{64}"), stored);
                String plainSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
                assertNotEquals(plainSha256, stored, "a keyed hash, not a plain digest");
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    String value = row.getString(i);
                    assertFalse(value != null && value.contains(secret.substring(4, 24)), "column " + row.getMetaData().getColumnName(i));
                }
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from audit_event where detail like ?")) {
            s.setString(1, "%" + secret.substring(4, 24) + "%");
            try (ResultSet row = s.executeQuery()) {
                row.next();
                assertEquals(0, row.getInt(1), "no secret in the audit trail");
            }
        }
    }

    @Test
    void theMappingMatchesTheMigratedSchema() throws Exception {
        EntityManagerFactory factory = (EntityManagerFactory) new InitialContext().lookup("java:jboss/keyward/EntityManagerFactory");
        // Throws, naming the table and column, where an entity and Flyway's schema disagree.
        factory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    private List<AuditEvent> events(Tenant t, AuditAction action) {
        return audit.list(t, action, null, null, null, 0, 100);
    }
}
