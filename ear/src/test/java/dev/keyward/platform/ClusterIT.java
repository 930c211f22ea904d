package dev.keyward.platform;

import static dev.keyward.it.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two WildFly nodes on one PostgreSQL, started as {@code bin/keyward cluster-start} starts them (node a, then node b on the
 * next port), a cluster through WildFly's clustering. What one node learns, the other knows: a credential made on A works
 * on B at once; a revocation, a disable, a suspension by Keycloak, a token's revocation and a signing-key rotation made on
 * A are refused (or published) on B within a second, measured over many trials; work that runs once per cluster moves to
 * B when A is killed with {@code kill -9} under load, and nothing A acknowledged is lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int PORT_A = Integer.getInteger("it.cluster.port", 18280);
    private static final String A = "http://localhost:" + PORT_A;
    private static final String B = "http://localhost:" + (PORT_A + 1);
    private static final String METRICS_B = "http://127.0.0.1:" + (9990 + PORT_A + 1 - 8080) + "/metrics";
    private static final Path HOME = Path.of(System.getProperty("it.data.dir", "target/it-data"), "cluster");
    private static final Path FIGURES = Path.of("target", "cluster-figures.md");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WITHIN = Duration.ofSeconds(1);
    /** How often the nodes send each other what they counted (Tallies.EVERY). */
    private static final long TALLIES_MILLIS = 200;

    private static Map<String, String> database;
    private static String slug;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws IOException {
        Files.createDirectories(HOME.resolve("logs"));
        database = Server.newPostgresqlDatabase("cluster");
        // b starts once a has formed the cluster (its channel connected), not once a has deployed Keyward: the two
        // starts overlap, and b joins a's cluster instead of making one of its own
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> launch("node-start", "a"));
        eventually(Duration.ofSeconds(120), ClusterIT::clusterOfA, formed -> formed || a.isDone(), "node a forms the cluster");
        launch("node-start", "b");
        a.join();
        slug = tenant(A, "cluster", "elastic-path", "", List.of());
    }

    @AfterAll
    static void stopBothNodes() throws IOException {
        try {
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> launch("node-stop", "b"));
            launch("node-stop", "a");
            b.join();
        } finally {
            Files.write(FIGURES, figures);
        }
    }

    @Test
    @Order(1)
    void theNodesFormOneCluster() {
        for (String node : List.of(A, B)) {
            JsonNode cluster = check(eventually(() -> send(node, "GET", "/health/ready", null, null),
                    a -> a.status() == 200 && check(a.json().get("checks"), "cluster").get("data").get("members").asInt() == 2,
                    node + " sees two members").json().get("checks"), "cluster");
            assertEquals("{\"members\":2}", cluster.get("data").toString(), "a count, no names, on the public port");
        }
    }

    @Test
    @Order(2)
    void aCredentialMadeOnAWorksOnBAtOnce() {
        Credential c = credential(A, "alice", slug);
        assertEquals(200, grant(B, c).status(), "the first request to B, right after A answered 201");
        revoke(A, c);
    }

    /**
     * "Last used" on PostgreSQL: a credential used on both nodes at once for the first time is recorded by both (one insert,
     * one update of the same row), and reads the later of the two uses on either node.
     */
    @Test
    @Order(2)
    void lastUsedIsRecordedWhenBothNodesSeeAFirstUseAtOnce() {
        Credential c = credential(A, "alice", slug);
        assertEquals(200, grant(A, c).status());
        assertEquals(200, grant(B, c).status());
        for (String node : List.of(A, B)) {
            JsonNode view = eventually(() -> send(node, "GET", "/api/v1/tenants/" + slug + "/credentials/" + c.id(), Http.token("alice"), null).json(),
                    v -> v.hasNonNull("lastUsedAt"), "last used, read on " + node);
            assertTrue(Instant.parse(view.get("lastUsedAt").asText()).isAfter(Instant.now().minusSeconds(120)), view.toString());
        }
        revoke(A, c);
    }

    @Test
    @Order(3)
    void aRevocationOnAIsRefusedOnBWithinASecond() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Credential c = credential(A, "alice", slug);
            assertEquals(200, grant(B, c).status(), "B has the credential in its cache");
            revoke(A, c);
            millis.add(untilRefused(() -> grant(B, c), 401));
        }
        assertWithinASecond("revocation", millis);
    }

    @Test
    @Order(4)
    void aDisableOnAIsRefusedOnBWithinASecond() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Credential c = credential(A, "alice", slug);
            assertEquals(200, grant(B, c).status());
            Http.Answer disabled = send(A, "POST", "/api/v1/tenants/" + slug + "/credentials/" + c.id() + "/disable", Http.token("alice"), "");
            assertEquals(200, disabled.status(), disabled.toString());
            millis.add(untilRefused(() -> grant(B, c), 401));
            revoke(A, c); // one active credential per person
        }
        assertWithinASecond("disable", millis);
    }

    @Test
    @Order(5)
    void aTokenRevokedOnAIsRefusedOnBWithinASecond() {
        Credential c = credential(A, "alice", slug);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String token = grant(B, c).json().get("access_token").asText();
            assertEquals(200, products(B, token).status(), "the token opens the store on B");
            Http.Answer revoked = form(A, "/oauth/revoke", c, "token=" + token);
            assertEquals(200, revoked.status(), revoked.toString());
            millis.add(untilRefused(() -> products(B, token), 401));
        }
        revoke(A, c);
        assertWithinASecond("token revocation", millis);
    }

    @Test
    @Order(6)
    void aSuspensionByKeycloakReachesBWithinASecondOfA() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String person = KeycloakAdmin.newUser("cluster");
            String team = tenant(A, "cluster-team", "elastic-path", "", List.of(person));
            Credential c = credential(A, person, team);
            assertEquals(200, grant(B, c).status());
            KeycloakAdmin.setEnabled(person, false);
            eventually(Duration.ofSeconds(30), () -> grant(A, c), a -> a.status() == 401, "A follows Keycloak");
            millis.add(untilRefused(() -> grant(B, c), 401));
        }
        assertWithinASecond("suspension by Keycloak applied", millis);
    }

    @Test
    @Order(7)
    void aSigningKeyRotatedOnAIsPublishedByBWithinASecond() {
        Http.Answer rotated = send(A, "POST", "/api/v1/signing-keys", Http.token("olivia"), "");
        assertEquals(201, rotated.status(), rotated.toString());
        String kid = rotated.json().get("kid").asText();
        long start = System.nanoTime();
        eventually(Duration.ofSeconds(5), () -> send(B, "GET", "/oauth/jwks", null, null), a -> a.body().contains(kid), "B publishes " + kid);
        long millis = (System.nanoTime() - start) / 1_000_000;
        figures.add("signing-key rotation: published by B " + millis + " ms after A answered");
        assertTrue(millis < WITHIN.toMillis(), millis + " ms");
    }

    /**
     * {@code kill -9} of A while both nodes serve: B answers every request meanwhile, every credential A acknowledged works on
     * B, B takes over following Keycloak (its lease), and follows it.
     */
    /**
     * A tenant's rate limit, a client ID's failure budget and the EUID replay memory hold for the cluster: what one node
     * counted, the other counts too, once its tally has arrived (every 200 ms).
     */
    @Test
    @Order(8)
    void limitsAndTheReplayMemoryCountAcrossBothNodes() {
        String limited = tenant(A, "cluster-limited", "elastic-path", "\"rateLimit\":{\"perDay\":10},", List.of());
        Credential c = credential(A, "alice", limited);
        for (int i = 0; i < 6; i++) {
            assertEquals(200, grant(A, c).status(), "request " + (i + 1) + " of 10 a day, on A");
        }
        pause(2 * TALLIES_MILLIS);
        List<Integer> onB = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            onB.add(grant(B, c).status());
        }
        assertEquals(List.of(200, 200, 200, 200, 429, 429), onB, "B counts what A counted: 10 a day in all");

        Credential other = credential(A, "alice", slug);
        for (int i = 0; i < 6; i++) {
            assertEquals(401, form(A, "/oauth/access_token", new Credential(slug, other.id(), other.clientId(), other.secret() + "x"),
                    "grant_type=client_credentials").status());
        }
        pause(2 * TALLIES_MILLIS);
        List<Integer> wrongOnB = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            wrongOnB.add(form(B, "/oauth/access_token", new Credential(slug, other.id(), other.clientId(), other.secret() + "x"),
                    "grant_type=client_credentials").status());
        }
        assertEquals(List.of(401, 401, 401, 401, 429, 429), wrongOnB, "ten failures a minute for the client ID, in all");
        assertEquals(200, grant(B, other).status(), "the right secret still gets its token");
        revoke(A, other);

        String participant = tenant(A, "cluster-participant", "euid", "", List.of());
        JsonNode key = send(A, "POST", "/api/v1/tenants/" + participant + "/credentials", Http.token("alice"),
                "{\"name\":\"k\",\"environment\":\"integration\",\"permissions\":[\"generator\"]}").json();
        Euid.Envelope once = Euid.envelope(java.util.Base64.getDecoder().decode(key.get("clientSecret").asText()), java.time.Instant.now(),
                "{\"email_hash\":\"ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=\"}");
        assertEquals(200, envelope(A, key.get("apiKey").asText(), once).status(), "the envelope, on A");
        pause(2 * TALLIES_MILLIS);
        Http.Answer replayed = envelope(B, key.get("apiKey").asText(), once);
        assertEquals(400, replayed.status(), "the same envelope, on B");
        assertTrue(replayed.body().contains("Replayed request"), replayed.body());
    }

    @Test
    @Order(9)
    void killNineOfAUnderLoad() throws Exception {
        // people who each hold one credential at a time (the preset's rule): A and B make and revoke theirs in turns
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(KeycloakAdmin.newUser("load"));
        }
        String team = tenant(A, "cluster-load", "elastic-path", "", people);
        people.forEach(Http::token);

        Map<Credential, Boolean> acknowledgedByA = new ConcurrentHashMap<>(); // credential, whether it is still active
        Map<Credential, Boolean> acknowledgedByB = new ConcurrentHashMap<>();
        Map<Integer, Integer> answersOfB = new ConcurrentHashMap<>();
        Credential steady = credential(B, "alice", slug);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        load.submit(() -> {
            while (running.get()) {
                answersOfB.merge(grant(B, steady).status(), 1, Integer::sum);
            }
        });
        load.submit(() -> turns(A, team, people.subList(0, 8), running, acknowledgedByA, true));
        load.submit(() -> turns(B, team, people.subList(8, 12), running, acknowledgedByB, false));
        pause(3_000);
        launch("node-kill", "a");
        pause(4_000);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));

        assertEquals(Map.of(200, answersOfB.getOrDefault(200, 0)), answersOfB, "B answered every request while A died");
        assertTrue(answersOfB.get(200) > 10, "B served: " + answersOfB);
        assertTrue(acknowledgedByA.size() > 2, "A acknowledged changes before it died: " + acknowledgedByA.size());
        for (Map<Credential, Boolean> acknowledged : List.of(acknowledgedByA, acknowledgedByB)) {
            acknowledged.forEach((c, active) -> assertEquals(active ? 200 : 401, grant(B, c).status(),
                    "on B, as acknowledged: " + c.clientId() + (active ? " made" : " revoked")));
        }
        figures.add("kill -9 of node a under load: B answered " + answersOfB + "; " + acknowledgedByA.size() + " credentials made"
                + " (and most revoked again) through A and " + acknowledgedByB.size() + " through B, each as acknowledged on B afterwards");

        long killed = System.nanoTime();
        eventually(Duration.ofSeconds(60), ClusterIT::metricsOfB, m -> OperationsIT.value(m, "keyward_directory_feed_leader", Map.of()) == 1,
                "B follows Keycloak for the cluster");
        figures.add("following Keycloak moved to B " + (System.nanoTime() - killed) / 1_000_000 + " ms after the load stopped");
        eventually(Duration.ofSeconds(30), () -> send(B, "GET", "/health/ready", null, null),
                a -> check(a.json().get("checks"), "cluster").get("data").get("members").asInt() == 1, "B is alone");

        String person = people.get(0);
        Credential c = acknowledgedByA.entrySet().stream().filter(e -> e.getValue()).map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> credential(B, person, team));
        assertEquals(200, grant(B, c).status());
        KeycloakAdmin.setEnabled(people.get(0), false);
        people.subList(1, 8).forEach(p -> KeycloakAdmin.setEnabled(p, false));
        eventually(Duration.ofSeconds(30), () -> grant(B, c), a -> a.status() == 401, "B follows Keycloak after A died");
    }

    /** Each person in turn makes a credential on {@code node} and, on every other turn, revokes it; what was acknowledged is noted. */
    private static void turns(String node, String team, List<String> people, AtomicBoolean running, Map<Credential, Boolean> acknowledged,
                              boolean nodeMayDie) {
        Map<String, Credential> held = new ConcurrentHashMap<>();
        for (int turn = 0; running.get(); turn++) {
            String person = people.get(turn % people.size());
            Credential c = held.remove(person);
            try {
                if (c != null) {
                    acknowledged.remove(c); // until the revocation is acknowledged, either state is right
                    revoke(node, c, person);
                    acknowledged.put(c, false);
                } else {
                    c = credential(node, person, team);
                    acknowledged.put(c, true);
                    if (turn % 2 == 0) {
                        held.put(person, c);
                    }
                }
            } catch (AssertionError | UncheckedIOException nodeDied) {
                if (!nodeMayDie) {
                    throw nodeDied;
                }
                pause(50);
            }
        }
    }

    // --- what the tests do ---------------------------------------------------------------------------------------------

    record Credential(String tenant, String id, String clientId, String secret) {
    }



    /** A new tenant made through {@code node} by olivia, alice its admin and {@code members} its members. */
    private static String tenant(String node, String prefix, String policy, String settings, List<String> members) {
        String slug = prefix + "-" + System.nanoTime();
        StringBuilder team = new StringBuilder("{\"username\":\"alice\",\"role\":\"admin\"}");
        members.forEach(m -> team.append(",{\"username\":\"").append(m).append("\",\"role\":\"member\"}"));
        Http.Answer created = send(node, "POST", "/api/v1/tenants", Http.token("olivia"), "{\"slug\":\"" + slug + "\",\"name\":\""
                + prefix + "\",\"policy\":\"" + policy + "\",\"freshMfaMinutes\":0," + settings + "\"members\":[" + team + "]}");
        assertEquals(201, created.status(), created.toString());
        return slug;
    }

    private static Credential credential(String node, String user, String tenant) {
        Http.Answer a = send(node, "POST", "/api/v1/tenants/" + tenant + "/credentials", Http.token(user), "{\"name\":\"n" + System.nanoTime() + "\"}");
        assertEquals(201, a.status(), a.toString());
        JsonNode b = a.json();
        return new Credential(tenant, b.get("id").asText(), b.get("clientId").asText(), b.get("clientSecret").asText());
    }

    private static void revoke(String node, Credential c) {
        revoke(node, c, "alice");
    }

    private static void revoke(String node, Credential c, String owner) {
        Http.Answer revoked = send(node, "DELETE", "/api/v1/tenants/" + c.tenant() + "/credentials/" + c.id(), Http.token(owner), null);
        assertEquals(204, revoked.status(), revoked.toString());
    }

    private static Http.Answer grant(String node, Credential c) {
        return form(node, "/oauth/access_token", c, "grant_type=client_credentials");
    }

    private static Http.Answer envelope(String node, String apiKey, Euid.Envelope envelope) {
        return send(HttpRequest.newBuilder(URI.create(node + "/euid/v2/token/generate")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(envelope.base64())).build());
    }

    private static Http.Answer products(String node, String token) {
        return send(node, "GET", "/v2/products", token, null);
    }

    /**
     * Asks until the answer is {@code refused}; how long after the change's acknowledgement the first refused request was
     * sent, in milliseconds (0: the very first request after it was refused).
     */
    private static long untilRefused(Supplier<Http.Answer> ask, int refused) {
        long acknowledged = System.nanoTime();
        long deadline = acknowledged + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            int status = ask.get().status();
            if (status == refused) {
                return (sent - acknowledged) / 1_000_000;
            }
            assertEquals(200, status, "until refused, the answer is the old one");
        }
        throw new AssertionError("not refused within 10 s");
    }

    private static void assertWithinASecond(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1);
        long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        String line = what + " on A, refused on B: p50 " + p50 + " ms, p99 " + p99 + " ms, max " + sorted.get(sorted.size() - 1)
                + " ms (" + sorted.size() + " trials)";
        figures.add(line);
        System.out.println(line);
        assertTrue(p99 < WITHIN.toMillis(), line);
    }

    private static JsonNode check(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + checks);
    }

    private static String metricsOfB() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(METRICS_B)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Http.Answer form(String node, String path, Credential c, String form) {
        return send(HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Http.basic(c.clientId(), c.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static Http.Answer send(String node, String method, String path, String bearer, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    private static Http.Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Whether node a's JVM has connected its cluster channel: its JGroups port (7600 plus a's port offset) listens, so
     * the log is this start's, and the log says the channel is connected.
     */
    private static boolean clusterOfA() {
        try (Socket jgroups = new Socket()) {
            jgroups.connect(new InetSocketAddress("127.0.0.1", 7600 + PORT_A - 8080), 200);
        } catch (IOException notYet) {
            return false;
        }
        try {
            return Files.readString(HOME.resolve("logs/wildfly.log"), StandardCharsets.ISO_8859_1).contains("WFLYCLJG0033");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Runs {@code bin/keyward COMMAND NODE} for the cluster's nodes, on its own data folder and ports. */
    private static void launch(String command, String node) {
        Map<String, String> env = new java.util.HashMap<>(database);
        env.put("KEYWARD_HTTP_PORT", String.valueOf(PORT_A));
        env.put("KEYWARD_SERVER_OPTS", "-Dkeyward.throttle.unthrottled-addresses=127.0.0.1");
        Server.launch(HOME, HOME.resolve("logs/launcher.log"), env, command, node);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
