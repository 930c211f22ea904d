package dev.keyward.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk is an outage of writes, not of Keyward: while the database's disk is full, changes are refused with
 * a 503 (nothing half-done), tokens for credentials in memory keep coming, the log stays short; once space is
 * freed Keyward carries on by itself, without a restart. The build gives the tests' database a small disk of its
 * own (bin/keyward, {@code KEYWARD_DB_DISK}), which this test fills with a file and then deletes.
 * <p>
 * It runs last on H2: H2 cured of holding its own file once (see StuckDatabase) has been seen to refuse new connections
 * again a little later, and the tests after it test other things. The PostgreSQL phase after it kills the server and
 * starts it anew.
 */
@Order(Integer.MAX_VALUE)
class FullDiskIT {

    static final Path HOME = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    static final Path DATABASE_DISK = HOME.resolve("wildfly/data/keyward");
    static final Path LOG = HOME.resolve("logs/wildfly.log");

    @Test
    void aFullDiskRefusesChangesWith503KeepsTokensComingAndRecoversByItself() throws Exception {
        assumeTrue(isOwnDisk(), "the database has no disk of its own here (KEYWARD_DB_DISK needs root)");
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued used = credential(store, "alice", body("name", "in memory"));
        assertEquals(200, clientCredentials(used.clientId(), used.secret()).status());
        Issued churn = credential(store, "bob", body("name", "rotated until the disk is full"));
        String rotate = tenantPath(store, "credentials", churn.id(), "rotate");
        Http.token("bob");

        Path filler = DATABASE_DISK.resolve("filler");
        String acknowledged = churn.secret();
        try {
            fill(filler);
            long logLines = lines();
            // the database file still has room inside it for a while: write until the disk itself is needed, then on;
            // every answer is either an acknowledged rotation or a 503 that changed nothing
            int refusals = 0;
            int afterFirst = 0;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (afterFirst < 30 && System.nanoTime() < until) {
                Answer a = Http.post(rotate, "bob", body("graceSeconds", 0));
                if (a.status() == 200) {
                    acknowledged = a.json().get("clientSecret").asText();
                } else {
                    assertProblem(a, 503, "database-unavailable");
                    assertEquals("5", a.header("Retry-After"));
                    refusals++;
                }
                if (refusals > 0) {
                    afterFirst++;
                }
            }
            assertTrue(refusals > 0, "the database never needed more room within a minute of rotations");
            System.out.printf("full disk: %d of the writes refused with 503, the others acknowledged%n", refusals);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, clientCredentials(used.clientId(), used.secret()).status(), "a credential in memory keeps issuing");
            }
            long written = lines() - logLines;
            assertTrue(written < 40, written + " log lines while the disk was full");
        } finally {
            Files.deleteIfExists(filler);
        }

        String last = acknowledged;
        Answer reread = eventually(Duration.ofSeconds(20), () -> clientCredentials(churn.clientId(), last), a -> a.status() != 503,
                "the database is read again, without a restart");
        assertEquals(200, reread.status(), "the last acknowledged rotation holds, and no refused one changed anything: " + reread);
        Answer again = eventually(Duration.ofSeconds(20), () -> Http.post(rotate, "bob", body("graceSeconds", 0)),
                a -> a.status() == 200, "changes are accepted again, without a restart");
        assertEquals(200, clientCredentials(churn.clientId(), again.json().get("clientSecret").asText()).status());
        assertEquals(401, clientCredentials(churn.clientId(), last).status(), "rotated away just now");
        assertEquals(200, clientCredentials(used.clientId(), used.secret()).status());
        JsonNode rotations = Http.get(tenantPath(store, "audit-events?type=credential.rotated&limit=200"), "alice").json().get("events");
        assertTrue(rotations.size() >= 2, "rotations audited: " + rotations.size());

        // not only the connections the pool kept: H2 can come back refusing every new one (its file held by its own
        // earlier store), which Keyward notices and cures by emptying the pool; a burst wider than the pool's idle
        // connections, and writes after it, must all be answered
        eventually(Duration.ofSeconds(40), FullDiskIT::burst, failures -> failures == 0, "a burst of requests on new connections is answered");
        Answer after = eventually(Duration.ofSeconds(20), () -> Http.post(rotate, "bob", body("graceSeconds", 0)),
                a -> a.status() == 200, "changes are accepted after the burst");
        assertEquals(200, clientCredentials(churn.clientId(), after.json().get("clientSecret").asText()).status());
    }

    /** 48 reads of the platform's audit trail at once, wider than the pool's idle connections; how many were not a 200. */
    private static int burst() {
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(pool.submit(() -> Http.get("/api/v1/audit-events?limit=50", "olivia").status()));
            }
            int failures = 0;
            for (Future<Integer> answer : answers) {
                failures += answer.get() == 200 ? 0 : 1;
            }
            return failures;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isOwnDisk() throws IOException {
        return Files.isDirectory(DATABASE_DISK) && !Files.getFileStore(DATABASE_DISK).equals(Files.getFileStore(HOME));
    }

    /** Writes until the disk has no room left. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(Files.getFileStore(DATABASE_DISK).getUsableSpace() < block.length, "the database's disk is full");
        }
    }

    private static long lines() throws IOException {
        try (var all = Files.lines(LOG)) {
            return all.count();
        }
    }
}
