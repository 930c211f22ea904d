package dev.keyward.platform;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.OnPostgresql;
import dev.keyward.it.PostgresqlPhase;
import dev.keyward.it.Server;
import dev.keyward.it.ServerLog;
import dev.keyward.it.TenantFixtures.Issued;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped for ten seconds under load, Keyward running on it: changes are refused with 503 problem+json and
 * {@code Retry-After} meanwhile, tokens for credentials already in memory keep coming, the log says so a few times,
 * not once per request, and everything works again once the database is back, without a restart of Keyward. A change
 * caught at its commit by the stop (its audit event waiting on a lock the test holds) is a 503 as well, and quiet.
 */
@OnPostgresql
class DatabaseOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void aStoppedPostgresqlIsA503ForChangesWhileCachedCredentialsKeepIssuingAndKeywardRecoversByItself() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued c = credential(store, "alice", body("name", "through the outage"));
        String rotate = tenantPath(store, "credentials", c.id(), "rotate");
        Issued other = credential(store, "bob", body("name", "changed as the database stops"));
        String rotateOther = tenantPath(store, "credentials", other.id(), "rotate");
        Http.token("bob");
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status(), "in memory before the outage");

        Map<Integer, AtomicInteger> tokens = new ConcurrentHashMap<>();
        AtomicLong slowest = new AtomicLong();
        List<Long> issuedAt = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            load.execute(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    int status = clientCredentials(c.clientId(), c.secret()).status();
                    long done = System.nanoTime();
                    slowest.accumulateAndGet(done - t, Math::max);
                    tokens.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 200) {
                        issuedAt.add(done);
                    }
                }
            });
        }
        // A rotation held at its commit: its audit event waits for the table this connection locks, until the stop
        // ends both. The transaction manager then logged the failed flush with its statement, values and stack trace.
        Connection lock = DriverManager.getConnection(PostgresqlPhase.environment().get("KEYWARD_DB_URL"), "keyward", "keyward");
        lock.setAutoCommit(false);
        try (Statement sql = lock.createStatement()) {
            sql.execute("lock table audit_event in exclusive mode");
        }
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> Http.post(rotateOther, "bob", body("graceSeconds", 3600)));
        try {
            eventually(Duration.ofSeconds(20), () -> waitingFor(lock, "audit_event"), n -> n > 0, "the rotation waits at its commit");
        } catch (AssertionError | RuntimeException notWaiting) {
            closeQuietly(lock); // its lock would hold every later change
            throw notWaiting;
        }
        long mark = ServerLog.mark();
        Server.launch("postgres-pause", Map.of());
        long down = System.nanoTime();
        long up = Long.MAX_VALUE;
        Answer change;
        try {
            assertProblem(inFlight.get(30, TimeUnit.SECONDS), 503, "database-unavailable");
            closeQuietly(lock);
            change = Http.post(rotate, "alice", body("graceSeconds", 3600));
            assertProblem(change, 503, "database-unavailable");
            assertEquals("5", change.header("Retry-After"));
            Answer ready = Http.send("GET", "/health/ready", Map.of(), null);
            assertEquals(503, ready.status(), "not ready without the database: " + ready);
            assertTrue(ready.body().contains("{\"data\":{\"error\":\"the database does not answer\"},\"name\":\"database\",\"status\":\"DOWN\"}"),
                    ready.body());
            assertEquals(200, Http.send("GET", "/health/live", Map.of(), null).status(), "alive: no reason to restart it");
            long left = OUTAGE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down);
            pause(Math.max(0, left));
        } finally {
            Server.launch("postgres-resume", Map.of());
        }
        Answer after = eventually(Duration.ofSeconds(30), () -> Http.post(rotate, "alice", body("graceSeconds", 3600)),
                a -> a.status() == 200, "changes accepted again, Keyward not restarted");
        assertEquals(200, Http.send("GET", "/health/ready", Map.of(), null).status(), "ready again");
        stop.set(true);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        int issued = tokens.getOrDefault(200, new AtomicInteger()).get();
        assertEquals(1, tokens.size(), "every token request during the outage was answered 200: " + tokens);
        long resumed = up;
        long duringOutage = issuedAt.stream().filter(t -> t > down && t < resumed).count();
        assertTrue(duringOutage > 100, duringOutage + " tokens issued while the database was away");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest.get()) < 2_000, "the slowest token took " + TimeUnit.NANOSECONDS.toMillis(slowest.get()) + " ms");
        List<String> written = ServerLog.since(mark);
        assertTrue(written.size() < 20, written.size() + " log lines for a ten-second outage: " + written);
        assertEquals(200, clientCredentials(c.clientId(), after.json().get("clientSecret").asText()).status(), "the new secret works");
        assertEquals(1, auditTypes(store, "alice", "?type=credential.rotated").size(), "one rotation: the refused one changed nothing");
        System.out.printf("PostgreSQL stopped for %d s: %d tokens issued meanwhile (%d in all, the slowest in %d ms), changes 503 then"
                + " accepted, %d log lines%n", OUTAGE.toSeconds(), duringOutage, issued, TimeUnit.NANOSECONDS.toMillis(slowest.get()), written.size());
    }

    /** How many sessions wait for a lock on {@code table}. */
    private static int waitingFor(Connection c, String table) {
        try (Statement sql = c.createStatement();
             ResultSet waiting = sql.executeQuery("select count(*) from pg_locks where not granted and relation = '" + table + "'::regclass")) {
            waiting.next();
            return waiting.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException alreadyClosedByTheStop) {
            // the stop ended its session; nothing left to close
        }
    }
}
