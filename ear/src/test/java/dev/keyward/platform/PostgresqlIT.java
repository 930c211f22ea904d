package dev.keyward.platform;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.credential.SealedSecret;
import dev.keyward.domain.credential.StoredSecret;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.it.Server;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyward on its production database. WildFly runs the other integration tests on H2; here the build's
 * throw-away PostgreSQL ({@code bin/keyward postgres-start}) takes the same Flyway migrations, Hibernate checks
 * the entities against the schema they create, and what the token endpoint relies on is stored and read back.
 * A migration or a mapping that works on H2 alone fails here.
 */
class PostgresqlIT {

    private static final String URL = System.getProperty("keyward.it.postgresUrl");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static MigrateResult migration;
    private static MigrationInfo[] applied;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void migrateAndMap() {
        Flyway flyway = Flyway.configure().dataSource(URL, "keyward", "keyward").locations("classpath:db/migration").load();
        migration = flyway.migrate();
        applied = flyway.info().applied();
        // The application's own persistence unit, on PostgreSQL's driver instead of WildFly's datasource.
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(URL);
        postgres.setUser("keyward");
        postgres.setPassword("keyward");
        factory = Persistence.createEntityManagerFactory("keyward", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", postgres));
    }

    @AfterAll
    static void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void everyMigrationRunsAndTheEntitiesMatchWhatTheyCreate() throws Exception {
        assertTrue(applied.length >= 7, "migrations applied: " + applied.length);
        assertEquals(applied.length, migration.migrationsExecuted, "a new database takes every migration now");
        assertTrue(Arrays.stream(applied).allMatch(m -> m.getState().isApplied() && !m.getState().isFailed()));
        try (Connection c = DriverManager.getConnection(URL, "keyward", "keyward");
             ResultSet tables = c.getMetaData().getTables(null, "public", "client_credential", null)) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            assertTrue(tables.next(), "the migrations created their tables in PostgreSQL itself");
        }
        // Throws, naming the table and column, where an entity and the migrated schema disagree.
        factory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    @Test
    void theTokenEndpointsLookupFindsACredentialWithItsTenantPolicyAndOwner() {
        Tenant tenant = new Tenant(slug(), "On PostgreSQL", PolicyPreset.SENSEDIA, null, NOW);
        TeamMember alice = new TeamMember(tenant, UUID.randomUUID().toString(), "alice", "alice@example.test", MemberRole.SUPER_ADMIN, NOW);
        StoredSecret secret = secret();
        Instant expires = tenant.policy().expiryFor(NOW, null);
        ClientCredential credential = new ClientCredential(tenant, clientId(), "laptop", tenant.environmentFor(null),
                EnumSet.of(Permission.PRODUCTS_READ, Permission.ORDERS_READ), alice, alice, secret, NOW, expires,
                tenant.policy().activeSlotFor(alice));
        AuditEvent event = new AuditEvent(tenant.id(), AuditAction.CREDENTIAL_CREATED, new Actor(alice.subject(), "alice", "127.0.0.1"),
                "credential", credential.id(), "name laptop, environment " + credential.environment(), NOW, 1);
        inTransaction(em -> {
            em.persist(tenant);
            em.persist(alice);
            em.persist(credential);
            em.persist(event);
        });

        ClientCredential found = read(em -> em.createNamedQuery(ClientCredential.BY_CLIENT_ID, ClientCredential.class)
                .setParameter("clientId", credential.clientId()).getSingleResult());
        // fetched with the credential, read after its EntityManager has closed
        assertEquals(tenant.slug(), found.tenant().slug());
        assertEquals(PolicyPreset.SENSEDIA, found.tenant().policy().preset());
        assertEquals(86400, found.tenant().policy().tokenLifetime().toSeconds());
        assertEquals("alice", found.owner().username());
        assertEquals(EnumSet.of(Permission.PRODUCTS_READ, Permission.ORDERS_READ), found.permissions());
        assertEquals(expires, found.expiresAt(), "instants keep their value through timestamp with time zone");
        assertEquals(NOW, found.createdAt());
        assertTrue(found.accepts(HexFormat.of().parseHex(secret.hash()), NOW));
        assertEquals(CredentialStatus.ACTIVE, found.statusAt(NOW));

        Tenant bySlug = read(em -> em.createNamedQuery(Tenant.BY_SLUG, Tenant.class).setParameter("slug", tenant.slug()).getSingleResult());
        assertEquals(tenant.id(), bySlug.id());
        List<TeamMember> memberships = read(em -> em.createNamedQuery(TeamMember.ACTIVE_BY_SUBJECT, TeamMember.class)
                .setParameter("subject", alice.subject()).getResultList());
        assertEquals(List.of(tenant.slug()), memberships.stream().map(m -> m.tenant().slug()).toList());
        AuditEvent stored = read(em -> em.find(AuditEvent.class, event.id()));
        assertEquals(AuditAction.CREDENTIAL_CREATED, stored.action());
        assertEquals(credential.id(), stored.targetId());
    }

    @Test
    void theDatabaseKeepsOnePersonToOneActiveCredentialWhereThePolicySaysSo() {
        Tenant tenant = new Tenant(slug(), "One each", PolicyPreset.SENSEDIA, null, NOW);
        TeamMember bob = new TeamMember(tenant, UUID.randomUUID().toString(), "bob", null, MemberRole.SUPER_ADMIN, NOW);
        ClientCredential first = credential(tenant, bob);
        inTransaction(em -> {
            em.persist(tenant);
            em.persist(bob);
            em.persist(first);
        });

        PersistenceException refused = assertThrows(PersistenceException.class, () -> inTransaction(em -> em.persist(credential(tenant, bob))));
        assertTrue(causes(refused).contains("uk_credential_active_slot"), causes(refused));

        inTransaction(em -> em.find(ClientCredential.class, first.id()).revoke(em.find(TeamMember.class, bob.id()), NOW, "replaced"));
        ClientCredential second = credential(tenant, bob);
        inTransaction(em -> em.persist(second));
        assertEquals(CredentialStatus.REVOKED, read(em -> em.find(ClientCredential.class, first.id()).statusAt(NOW)));
        assertEquals(CredentialStatus.ACTIVE, read(em -> em.find(ClientCredential.class, second.id()).statusAt(NOW)));
        assertEquals(List.of(second.id()), read(em -> em.createNamedQuery(ClientCredential.HELD_BY, ClientCredential.class)
                .setParameter("tenant", em.find(Tenant.class, tenant.id())).setParameter("owner", em.find(TeamMember.class, bob.id()))
                .getResultStream().map(ClientCredential::id).toList()));
    }

    @Test
    void aParticipantHoldsSeveralKeysThatBelongToNoOne() {
        Tenant tenant = new Tenant(slug(), "Several keys", PolicyPreset.EUID, null, NOW);
        tenant.assignEuidSite(100_000 + new SecureRandom().nextInt(100_000));
        TeamMember carol = new TeamMember(tenant, UUID.randomUUID().toString(), "carol", null, MemberRole.ADMIN, NOW);
        inTransaction(em -> {
            em.persist(tenant);
            em.persist(carol);
            for (String environment : tenant.environments()) {
                em.persist(ClientCredential.euidKey(tenant, "EUID-C-I-" + clientId(), "key", environment, EnumSet.of(Permission.EUID_MAPPER),
                        carol, secret(), row -> new SealedSecret("mk-test", "sealed for " + row), null, NOW, null));
                em.persist(ClientCredential.euidKey(tenant, "EUID-C-I-" + clientId(), "second key", environment,
                        EnumSet.of(Permission.EUID_GENERATOR), carol, secret(), row -> new SealedSecret("mk-test", "sealed for " + row), null, NOW, null));
            }
        });
        List<String> environments = read(em -> em.createQuery("select c.environment from ClientCredential c where c.tenant.id = :tenant"
                + " and c.owner is null order by c.environment", String.class).setParameter("tenant", tenant.id()).getResultList());
        assertEquals(List.of("integration", "integration", "production", "production"), environments);
    }

    /**
     * V10 on a database that has lived under V9: what a euid tenant held as OAuth clients is revoked, each with an audit
     * event, the participant gets a site ID, and nothing of a store changes.
     */
    @Test
    void theEuidMigrationRevokesWhatParticipantsHeldAsOAuthClientsAndAuditsIt() throws SQLException {
        String database = Server.newPostgresqlDatabase("migration").get("KEYWARD_DB_URL");
        Flyway.configure().dataSource(database, "keyward", "keyward").locations("classpath:db/migration").target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(database, "keyward", "keyward"); Statement sql = c.createStatement()) {
            for (String[] t : new String[][] {{"p1", "EUID", "participant"}, {"s1", "ELASTIC_PATH", "store"}}) {
                sql.execute("insert into credential_policy (id, preset, holder_roles, overseer_roles, member_manager_roles, ownership,"
                        + " one_active_per_member, token_lifetime_seconds, owner_only_changes, revoke_on_member_removal, permissions_chosen,"
                        + " environment_required, deny_federated_logins, deny_when_owner_has_mfa, implicit_tokens_enabled)"
                        + " values ('" + t[0] + "', '" + t[1] + "', 'admin', 'admin', 'admin', 'TENANT', false, 3600, false, false, true, true,"
                        + " false, false, false)");
                sql.execute("insert into tenant (id, slug, name, environments, policy_id, created_at, disable_user_on_removal)"
                        + " values ('" + t[0] + "', '" + t[2] + "', 'x', 'production', '" + t[0] + "', now(), false)");
                sql.execute("insert into client_credential (id, tenant_id, client_id, name, environment, permissions, created_by, status,"
                        + " secret_hash, secret_hint, created_at, changed_at, version) values ('c-" + t[0] + "', '" + t[0] + "', 'kwc_" + t[0]
                        + "', 'old key', 'production', 'products:read', 'someone', 'ACTIVE', '" + "0".repeat(64) + "', 'kws_…0000', now(), now(), 0)");
            }
        }
        Flyway.configure().dataSource(database, "keyward", "keyward").locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(database, "keyward", "keyward"); Statement sql = c.createStatement()) {
            assertEquals("REVOKED replaced-by-euid-keys", one(sql, "select status || ' ' || revocation_reason from client_credential where id = 'c-p1'"));
            assertEquals("ACTIVE", one(sql, "select status from client_credential where id = 'c-s1'"), "a store's credential is untouched");
            assertEquals("CREDENTIAL_REVOKED c-p1", one(sql, "select action || ' ' || target_id from audit_event where tenant_id = 'p1'"));
            assertEquals("1", one(sql, "select euid_site_id from tenant where id = 'p1'"));
            assertEquals(null, one(sql, "select euid_site_id from tenant where id = 's1'"));
            assertEquals("EUID_KEY OAUTH_CLIENT", one(sql, "select string_agg(credential_kind, ' ' order by id) from credential_policy"));
        }
    }

    private static String one(Statement sql, String query) throws SQLException {
        try (ResultSet r = sql.executeQuery(query)) {
            assertTrue(r.next(), query);
            return r.getString(1);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static ClientCredential credential(Tenant tenant, TeamMember owner) {
        return new ClientCredential(tenant, clientId(), "key", tenant.environmentFor(null), EnumSet.of(Permission.PRODUCTS_READ),
                owner, owner, secret(), NOW, tenant.policy().expiryFor(NOW, null), tenant.policy().activeSlotFor(owner));
    }

    private static String slug() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String clientId() {
        return "kwc_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static StoredSecret secret() {
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        return new StoredSecret(HexFormat.of().formatHex(hash), "kws_…" + hash[0]);
    }

    private static void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static <T> T read(Function<EntityManager, T> query) {
        EntityManager em = factory.createEntityManager();
        try {
            return query.apply(em);
        } finally {
            em.close();
        }
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
