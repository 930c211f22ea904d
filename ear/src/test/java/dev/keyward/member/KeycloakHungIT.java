package dev.keyward.member;

import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Server;
import dev.keyward.it.TenantFixtures.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.memberId;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frozen Keycloak (stopped with {@code SIGSTOP}: connections open, nothing answers) never reaches the token plane;
 * nor does a killed one ({@code SIGKILL}: connections refused), which Keyward follows again once it is back.
 * Calls that need Keycloak get a 503 within its timeouts, only a few request threads ever wait on it, {@code /me}
 * answers with what it knows, and tokens keep being issued at their usual speed throughout.
 */
class KeycloakHungIT {

    static final Path HOME = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    static final int CALLERS = 40;

    @Test
    void aFrozenKeycloakSlowsOnlyWhatNeedsItAndNeverTheTokenPlane() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued c = credential(store, "alice", body("name", "through the storm"));
        Http.token("alice");
        List<ProcessHandle> keycloak = keycloak();
        keycloak.forEach(p -> signal("STOP", p));
        try {
            long start = System.nanoTime();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            List<Future<Answer>> waiting = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                waiting.add(callers.submit(() -> Http.get("/api/v1/me", "alice")));
            }
            callers.shutdown();
            Answer memberChange = Http.post(tenantPath(store, "members"), "alice", body("username", "carol", "role", "member"));
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                assertTrue(took < 1_000, "a token in " + took + " ms while Keycloak is frozen");
            }
            for (Future<Answer> w : waiting) {
                Answer me = w.get(30, TimeUnit.SECONDS);
                assertEquals(200, me.status(), me.toString());
                assertFalse(me.json().hasNonNull("mfaConfigured"), "what Keycloak cannot say now is unknown: " + me);
                assertTrue(me.json().get("memberships").findValuesAsText("tenant").contains(store), "what Keyward knows itself: " + me);
            }
            long all = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(all < 20_000, CALLERS + " calls needing Keycloak all answered in " + all + " ms");
            assertProblem(memberChange, 503, "directory-unavailable");
            System.out.printf("Keycloak frozen: %d calls needing it answered in %d ms, tokens unaffected%n", CALLERS, all);
        } finally {
            keycloak.forEach(p -> signal("CONT", p));
        }
        Answer added = eventually(() -> Http.post(tenantPath(store, "members"), "alice", body("username", "carol", "role", "member")),
                a -> a.status() == 201, "member changes work again once Keycloak thaws");
        assertEquals("carol", added.json().get("username").asText());
        assertTrue(Http.get(tenantPath(store, "members"), "alice").json().findValuesAsText("username").contains("carol"));
    }

    @Test
    void keywardStartedWhileKeycloakIsFrozenSays503AtOnceIssuesNothingForUncheckedOwnersAndRecoversByItself() throws Exception {
        String ivy = KeycloakAdmin.newUser("ivy");
        String store = tenant("elastic-path", "alice", "admin", ivy, "member");
        Issued ivys = credential(store, ivy, body("name", "ivy's"));
        String participant = tenant("euid", "alice", "admin");
        Euid.Key tenantKey = Euid.key(participant, "alice", "the participant's", "integration", "mapper");
        Http.token("alice");

        Server.stopKeyward();
        List<ProcessHandle> keycloak = keycloak();
        keycloak.forEach(p -> signal("STOP", p));
        try {
            Server.startKeyward();
            long start = System.nanoTime();
            Answer me = Http.get("/api/v1/me", "alice");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertProblem(me, 503, "keycloak-keys-unavailable");
            assertEquals("5", me.header("Retry-After"));
            assertTrue(took < 1_000, "said at once, in " + took + " ms");
            assertEquals(401, clientCredentials(ivys.clientId(), ivys.secret()).status(),
                    "ivy may have been disabled while Keyward was down: nothing until Keycloak has been asked");
            assertEquals("success", Euid.call("/v2/identity/map", tenantKey, "{\"email\":[\"ivy@example.com\"]}").get("status").asText(),
                    "the tenant's own key is not concerned");
        } finally {
            keycloak.forEach(p -> signal("CONT", p));
        }
        eventually(Duration.ofSeconds(30), () -> Http.get("/api/v1/me", "alice"), a -> a.status() == 200, "/me once Keycloak thaws");
        eventually(Duration.ofSeconds(30), () -> clientCredentials(ivys.clientId(), ivys.secret()), a -> a.status() == 200,
                "ivy's credential once her state is known");
    }

    @Test
    void aKilledKeycloakIsAnsweredAtOnceAndFollowedAgainWhenItIsBack() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        Issued c = credential(store, "alice", body("name", "while Keycloak is dead"));
        Http.token("alice");
        keycloak().forEach(ProcessHandle::destroyForcibly); // SIGKILL: connections refused from now on
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
            }
            Answer me = Http.get("/api/v1/me", "alice");
            assertEquals(200, me.status(), me.toString());
            assertFalse(me.json().hasNonNull("mfaConfigured"), "unknown while Keycloak is gone: " + me);
            assertProblem(Http.post(tenantPath(store, "members"), "alice", body("username", "carol", "role", "member")), 503,
                    "directory-unavailable");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 5_000, "20 tokens, /me and a refused member change in " + took + " ms with Keycloak dead");
            System.out.printf("Keycloak killed: 20 tokens, /me and a member change answered in %d ms%n", took);
        } finally {
            Server.launch("keycloak-start", Map.of()); // on the same data
        }
        Answer added = eventually(Duration.ofSeconds(60), () -> Http.post(tenantPath(store, "members"), "alice",
                body("username", "carol", "role", "member")), a -> a.status() == 201, "member changes work again once Keycloak is back");
        assertEquals("carol", added.json().get("username").asText());
    }

    /** Keycloak's launcher and the JVM it started. */
    /**
     * A removal that waits on a frozen Keycloak (the tenant disables removed people's accounts) is refused in the end, with
     * nothing of it kept; meanwhile the tenant's other changes, each written to the same audit chain, go on at once.
     */
    @Test
    void aRemovalWaitingOnAFrozenKeycloakHoldsUpNoOtherChangeOfItsTenant() throws Exception {
        String jo = KeycloakAdmin.newUser("jo");
        String slug = tenantWith("elastic-path", Map.of("disableUserOnRemoval", true), "alice", "admin", jo, "member");
        Issued jos = credential(slug, jo, body("name", "jo's"));
        String joId = memberId(slug, "alice", jo);
        Http.token("alice");
        List<ProcessHandle> keycloak = keycloak();
        keycloak.forEach(p -> signal("STOP", p));
        ExecutorService remover = Executors.newSingleThreadExecutor();
        try {
            Future<Answer> removal = remover.submit(() -> Http.delete(tenantPath(slug, "members", joId), "alice"));
            pause(1_000); // the removal now waits for Keycloak's answer
            assertFalse(removal.isDone(), "the removal waits on Keycloak");
            long t = System.nanoTime();
            Answer made = Http.post(tenantPath(slug, "credentials"), "alice", body("name", "made meanwhile"));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
            assertEquals(201, made.status(), made.toString());
            assertTrue(took < 2_000, "a credential made in " + took + " ms while a removal of the same tenant waits on Keycloak");
            assertProblem(removal.get(30, TimeUnit.SECONDS), 503, "directory-unavailable");
        } finally {
            keycloak.forEach(p -> signal("CONT", p));
            remover.shutdownNow();
        }
        assertEquals(200, clientCredentials(jos.clientId(), jos.secret()).status(), "the refused removal revoked nothing");
        assertEquals(joId, memberId(slug, "alice", jo), "and removed no one");
        assertEquals(1, Http.get(tenantPath(slug, "audit-events?type=credential.created"), "alice").json().get("events").findValuesAsText("detail")
                .stream().filter(d -> d.contains("made meanwhile")).count(), "the change made meanwhile is audited");
        assertEquals(0, Http.get(tenantPath(slug, "audit-events?type=member.removed"), "alice").json().get("events").size());
    }

    private static List<ProcessHandle> keycloak() throws Exception {
        long pid = Long.parseLong(Files.readString(HOME.resolve("keycloak.pid")).trim());
        ProcessHandle launcher = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Keycloak is not running"));
        return Stream.concat(Stream.of(launcher), launcher.descendants()).toList();
    }

    private static void signal(String name, ProcessHandle p) {
        try {
            new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send SIG" + name + " to " + p.pid(), e);
        }
    }
}
