package dev.keyward.audit;

import dev.keyward.access.Caller;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.domain.audit.AuditChain;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.it.Deployments;
import dev.keyward.tenant.boundary.Tenants;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.InContainer.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside the server, against the stored trail: concurrent writers keep one chain, and rows edited, deleted, swapped or
 * put in straight through the database (as someone with the database's password could) are each caught by the
 * verification, at the right place.
 */
@ExtendWith(ArquillianExtension.class)
class AuditChainIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.probe(AuditChainIT.class);
    }

    @EJB(lookup = "java:global/keyward/keyward-ejb/Tenants")
    Tenants tenants;

    @EJB(lookup = "java:global/keyward/keyward-ejb/ClientCredentials")
    ClientCredentials credentials;

    @EJB(lookup = "java:global/keyward/keyward-ejb/AuditTrail")
    AuditTrail audit;

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    Tenant tenant(Caller founder) {
        return tenants.create(founder, "chain-" + UUID.randomUUID().toString().substring(0, 8), "Chained", "elastic-path",
                null, Tenants.Options.NONE.withFreshMfaMinutes(0), List.of());
    }

    @Test
    void writersAtOnceKeepOneUnforkedChain() throws Exception {
        Caller root = operator();
        Tenant t = tenant(root);
        credentials.create(t.slug(), root, "the one", null, Set.of(), null);
        long founding = audit.verify(t).events();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // each refusal (one active credential each) is written in a transaction of its own: 24 writers at once
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "racer " + i;
                writes.add(pool.submit(() -> assertThrows(PolicyRefusedException.class,
                        () -> credentials.create(t.slug(), root, name, null, Set.of(), null))));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditTrail.Verification v = audit.verify(t);
        assertTrue(v.firstBreak().isEmpty(), v.toString());
        List<Long> places = places(t);
        assertEquals(founding + 24, places.size(), "the events before and 24 refusals: " + places);
        for (int i = 0; i < places.size(); i++) {
            assertEquals(i + 1, places.get(i), "places run 1, 2, 3… with no gap and no twin: " + places);
        }
        assertEquals(founding + 24, v.events());
        assertEquals(founding + 24, v.lastSeq());
    }

    @Test
    void anEditedRowIsCaughtAsAltered() throws Exception {
        Tenant t = chainOfSix();
        sql("update audit_event set detail = 'nothing to see' where chain_id = ? and chain_seq = 3", t.id());
        assertBreak(t, AuditChain.Problem.ALTERED, 3);
    }

    @Test
    void aDeletedRowIsCaughtAsRemovedAndSoIsACutEnd() throws Exception {
        Tenant t = chainOfSix();
        sql("delete from audit_event where chain_id = ? and chain_seq = 4", t.id());
        assertBreak(t, AuditChain.Problem.REMOVED, 5);

        Tenant u = chainOfSix();
        long last = audit.verify(u).lastSeq();
        sql("delete from audit_event where chain_id = ? and chain_seq = " + last, u.id());
        assertBreak(u, AuditChain.Problem.REMOVED, last);
    }

    @Test
    void twoSwappedRowsAreCaughtAsReordered() throws Exception {
        Tenant t = chainOfSix();
        sql("update audit_event set chain_seq = -1 where chain_id = ? and chain_seq = 2", t.id());
        sql("update audit_event set chain_seq = 2 where chain_id = ? and chain_seq = 3", t.id());
        sql("update audit_event set chain_seq = 3 where chain_id = ? and chain_seq = -1", t.id());
        assertBreak(t, AuditChain.Problem.REORDERED, 2);
    }

    @Test
    void aRowPutInIsCaughtAsInsertedEvenWithAHashThatMatchesItsContent() throws Exception {
        Tenant t = chainOfSix();
        String previous = single("select hash from audit_event where chain_id = ? and chain_seq = 3", t.id());
        for (long seq = audit.verify(t).lastSeq(); seq >= 4; seq--) {
            sql("update audit_event set chain_seq = chain_seq + 1 where chain_id = ? and chain_seq = " + seq, t.id());
        }
        // a forger who knows the format: the row's own hash is right, and it claims the right predecessor
        String id = UUID.randomUUID().toString();
        String when = "2026-01-01T00:00:00Z";
        String canonical = AuditChain.canonical(t.id(), id, when, "credential.revoked", "keyward", "keyward", null, "credential", "x", null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into audit_event (id, sequence, tenant_id, chain_id, occurred_at, action,"
                     + " actor_subject, actor_username, target_type, target_id, chain_seq, previous_hash, hash)"
                     + " values (?, 0, ?, ?, timestamp with time zone '2026-01-01 00:00:00+00', 'CREDENTIAL_REVOKED', 'keyward', 'keyward',"
                     + " 'credential', 'x', 4, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, t.id());
            s.setString(3, t.id());
            s.setString(4, previous);
            s.setString(5, AuditChain.hash(previous, canonical));
            s.executeUpdate();
        }
        AuditChain.Break b = assertBreak(t, AuditChain.Problem.INSERTED, 4);
        assertEquals(id, b.eventId());

        Tenant u = chainOfSix();
        sql("insert into audit_event (id, sequence, tenant_id, chain_id, occurred_at, action, actor_subject, actor_username)"
                + " values ('" + UUID.randomUUID() + "', 0, ?, '" + u.id() + "', current_timestamp, 'CREDENTIAL_REVOKED', 'keyward', 'keyward')", u.id());
        assertEquals(AuditChain.Problem.INSERTED, audit.verify(u).firstBreak().orElseThrow().problem(), "a row written around the chain");
    }

    /**
     * Points a tampered chain's head at its last stored event again. The server keeps writing to these tenants after the
     * test (following Keycloak, it removes their in-container founders, whom Keycloak does not know): a head behind the
     * rows would refuse those writes, as it should, and hold up the feed that makes them.
     */
    @AfterEach
    void realignTamperedHeads() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update audit_chain h set last_seq = (select max(e.chain_seq) from audit_event e where e.chain_id = h.chain_id),"
                        + " last_hash = (select e.hash from audit_event e where e.chain_id = h.chain_id and e.chain_seq ="
                        + " (select max(m.chain_seq) from audit_event m where m.chain_id = h.chain_id))"
                        + " where h.chain_id in (select t.id from tenant t where t.slug like 'chain-%')")) {
            s.executeUpdate();
        }
    }

    /** A tenant whose trail holds at least six events: its founding and five changes of credentials. */
    private Tenant chainOfSix() {
        Caller root = operator();
        Tenant t = tenant(root);
        long founding = audit.verify(t).events();
        assertTrue(founding >= 1);
        for (int i = 0; i < 5; i++) { // created, revoked, created, revoked, created: one active at a time
            if (i % 2 == 0) {
                credentials.create(t.slug(), root, "c" + i, null, Set.of(), null);
            } else {
                credentials.revoke(t.slug(), root, credentials.list(t.slug(), root, false).get(0).id());
            }
        }
        AuditTrail.Verification v = audit.verify(t);
        assertTrue(v.firstBreak().isEmpty(), "untouched, the chain is intact: " + v);
        assertEquals(founding + 5, v.events());
        return t;
    }

    private AuditChain.Break assertBreak(Tenant t, AuditChain.Problem problem, long seq) {
        AuditChain.Break b = audit.verify(t).firstBreak().orElseThrow(() -> new AssertionError("the tampering went unseen"));
        assertEquals(problem, b.problem(), b.toString());
        assertEquals(seq, b.seq(), b.toString());
        return b;
    }

    private List<Long> places(Tenant t) throws Exception {
        List<Long> places = new ArrayList<>();
        audit.export(t, (AuditEvent e) -> places.add(e.chainSeq()));
        return places;
    }

    private void sql(String statement, String tenantId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, tenantId);
            assertEquals(1, s.executeUpdate(), statement);
        }
    }

    private String single(String query, String tenantId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, tenantId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }
}
