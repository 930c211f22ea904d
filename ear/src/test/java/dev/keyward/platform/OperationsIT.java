package dev.keyward.platform;

import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.ServerLog;
import dev.keyward.it.TenantFixtures.Issued;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the people who run Keyward watch: health on Keyward's own port (where a load balancer looks) and on the management
 * port, and metrics in Prometheus's format on the management port only, where a refused token moves the right counter.
 */
class OperationsIT {

    private static final String MANAGEMENT = "http://127.0.0.1:" + Integer.getInteger("it.management.port", 19990);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * A token introspected before is answered again from memory on the I/O thread that read the request: the same
     * status, headers and body as the servlet's answer, the caller's request ID, and a revocation seen at once; a wrong
     * secret is still the servlet's 401, with its challenge.
     */
    @Test
    void introspectionOfATokenCheckedBeforeIsAnsweredFromMemoryExactlyAsTheServletAnswers() throws Exception {
        String slug = tenant("elastic-path", "alice", "admin");
        Issued c = credential(slug, "alice", body("name", "introspects"));
        String token = clientCredentials(c.clientId(), c.secret()).json().get("access_token").asText();
        String form = "application/x-www-form-urlencoded";
        Map<String, String> asked = Map.of("Authorization", Http.basic(c.clientId(), c.secret()), "Content-Type", form);
        String memory = "keyward_introspections_in_memory_total";
        double before = value(metrics(), memory, Map.of());

        Http.Answer servlet = Http.send("POST", "/oauth/introspect", with(asked, "X-Request-Id", "first-ask"), "token=" + token);
        assertEquals(before, value(metrics(), memory, Map.of()), "a token not checked before: its signature is checked on a request thread");
        Http.Answer fromMemory = Http.send("POST", "/oauth/introspect", with(asked, "X-Request-Id", "second-ask"), "token=" + token);
        assertEquals(before + 1, value(metrics(), memory, Map.of()), "asked again: answered from memory");

        assertEquals(200, fromMemory.status(), fromMemory.toString());
        assertTrue(fromMemory.json().get("active").asBoolean(), fromMemory.toString());
        assertEquals(servlet.body(), fromMemory.body());
        assertEquals(withoutDateAndId(servlet), withoutDateAndId(fromMemory));
        assertEquals("first-ask", servlet.header("X-Request-Id"));
        assertEquals("second-ask", fromMemory.header("X-Request-Id"));

        Http.Answer wrong = Http.send("POST", "/oauth/introspect", with(asked, "Authorization", Http.basic(c.clientId(), c.secret() + "x")),
                "token=" + token);
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals("invalid_client", wrong.json().get("error").asText());
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic"), wrong.toString());
        assertEquals(before + 1, value(metrics(), memory, Map.of()), "a refusal is the servlet's");
        Map<String, String> crowded = new java.util.HashMap<>(asked);
        for (int i = 0; i < 120; i++) {
            crowded.put("X-Filler-" + i, "x");
        }
        Http.Answer tooMany = Http.send("POST", "/oauth/introspect", crowded, "token=" + token);
        assertEquals(431, tooMany.status(), "Keyward's limits on a request's head come first: " + tooMany);
        assertEquals(before + 1, value(metrics(), memory, Map.of()));

        assertEquals(200, Http.oauth("revoke", Map.of("token", token), c.clientId(), c.secret()).status());
        Http.Answer revoked = Http.send("POST", "/oauth/introspect", asked, "token=" + token);
        assertEquals(200, revoked.status(), revoked.toString());
        assertFalse(revoked.json().get("active").asBoolean(), "revoked: inactive at once, from memory too");
        assertEquals(before + 2, value(metrics(), memory, Map.of()));
    }

    private static Map<String, List<String>> withoutDateAndId(Http.Answer answer) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(answer.headers().map());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("x-request-id"));
        return headers;
    }

    @Test
    void healthOnKeywardsOwnPort() {
        Http.Answer live = Http.send("GET", "/health/live", Map.of(), null);
        assertEquals(200, live.status(), live.toString());
        assertEquals("UP", live.json().get("status").asText());

        Http.Answer ready = Http.send("GET", "/health/ready", Map.of(), null);
        assertEquals(200, ready.status(), ready.toString());
        JsonNode checks = ready.json().get("checks");
        assertEquals("UP", check(checks, "database").get("status").asText());
        JsonNode keycloak = check(checks, "keycloak");
        assertEquals("UP", keycloak.get("status").asText());
        assertEquals("ok", keycloak.get("data").get("keycloak").asText());
        assertTrue(check(checks, "cluster").get("data").get("members").asInt() >= 1, ready.toString());
        assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));
    }

    /**
     * The suite's server is alone (its member list names only itself): it starts none of the clustering it would not
     * use, neither the JGroups channel (whose port stays closed) nor the cache container behind it.
     */
    @Test
    void aServerAloneStartsNoClusterChannel() throws IOException {
        int jgroups = 7600 + Integer.getInteger("it.management.port", 19990) - 9990;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", jgroups), 2000);
            throw new AssertionError("the cluster's port " + jgroups + " listens on a server alone");
        } catch (ConnectException refused) {
            // closed, as it should be
        }
        String log = String.join("\n", ServerLog.since(0));
        assertTrue(log.contains("Alone: "), "the server says it is alone");
        assertFalse(log.contains("WFLYCLJG0032"), "no JGroups channel connected");
        assertFalse(log.contains("Started server cache container"), "no Infinispan container started");
    }

    /** WildFly's own view on the management port: the server runs and Keyward is deployed. */
    @Test
    void healthOnTheManagementPort() throws Exception {
        HttpResponse<String> ready = get(MANAGEMENT + "/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode checks = Http.JSON.readTree(ready.body()).get("checks");
        assertEquals("UP", check(checks, "deployments-status").get("status").asText());
        assertEquals("OK", check(checks, "deployments-status").get("data").get("keyward.ear").asText());
        assertEquals(200, get(MANAGEMENT + "/health/live").statusCode());
    }

    @Test
    void aRefusedTokenMovesTheRefusedCounterOfItsTenantAndReason() throws Exception {
        String slug = tenant("elastic-path", "alice", "admin");
        Issued c = credential(slug, "alice", body("name", "metered"));
        Map<String, String> refusedHere = Map.of("grant", "client_credentials", "reason", "invalid_client", "tenant", slug);
        Map<String, String> strangers = Map.of("grant", "client_credentials", "reason", "invalid_client", "tenant", "none");

        double strangersBefore = value(metrics(), "keyward_tokens_refused_total", strangers);
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
        assertEquals(401, clientCredentials(c.clientId(), c.secret() + "x").status());
        assertEquals(401, clientCredentials(c.clientId(), c.secret() + "y").status());
        assertEquals(401, clientCredentials("kw_unknown_client", "nothing").status());

        String after = metrics();
        assertEquals(1.0, value(after, "keyward_tokens_issued_total", Map.of("grant", "client_credentials", "tenant", slug)), after);
        assertEquals(2.0, value(after, "keyward_tokens_refused_total", refusedHere), after);
        assertEquals(strangersBefore + 1, value(after, "keyward_tokens_refused_total", strangers));
        // the latency histogram: every request is within +Inf, and the buckets only grow
        Map<String, String> issued = Map.of("grant", "client_credentials", "outcome", "issued");
        double all = value(after, "keyward_token_requests_within", with(issued, "le", "+Inf"));
        assertEquals(value(after, "keyward_token_requests_seconds_count", issued), all);
        assertTrue(value(after, "keyward_token_requests_within", with(issued, "le", "0.001"))
                <= value(after, "keyward_token_requests_within", with(issued, "le", "0.1")));
        assertTrue(all >= 1);
        assertTrue(value(after, "keyward_cache_hits_total", Map.of("cache", "credentials")) >= 1, "credential cache hits");
        assertEquals(1.0, value(after, "keyward_cluster_members", Map.of()), "the suite's server is a cluster of one");
        assertTrue(present(after, "keyward_signing_key_age_seconds"), "the signing key's age");
        assertTrue(present(after, "keyward_directory_feed_lag_seconds"), "the directory feed's lag");
        // a server started after another was killed (FullDiskIT's restart, just before) takes the dead one's lease on
        // following Keycloak when its term has run out: up to 15 s
        eventually(Duration.ofSeconds(30), OperationsIT::metricsNow, m -> value(m, "keyward_directory_feed_leader", Map.of()) == 1.0,
                "the suite's server follows Keycloak");
    }

    private static String metricsNow() {
        try {
            return metrics();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAnswerNamesItsRequestAndAProblemSaysItToo() {
        Http.Answer mine = Http.send("GET", "/api/v1/no-such-thing", Map.of("X-Request-Id", "lb-7f3a.1"), null);
        assertEquals(404, mine.status());
        assertEquals("lb-7f3a.1", mine.headers().firstValue("X-Request-Id").orElse(null), "the caller's ID is kept");
        assertEquals("lb-7f3a.1", mine.json().get("requestId").asText());

        Http.Answer hostile = Http.send("GET", "/api/v1/no-such-thing", Map.of("X-Request-Id", "<script>" + "x".repeat(100)), null);
        String given = hostile.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(given.matches("[0-9a-f]{8}-[0-9a-f]+"), "a hostile ID is replaced by one of Keyward's: " + given);
        assertEquals(given, hostile.json().get("requestId").asText());

        Http.Answer ok = Http.send("GET", "/oauth/jwks", Map.of(), null);
        assertTrue(ok.headers().firstValue("X-Request-Id").isPresent(), "a success names its request too");
        assertNotEquals(given, ok.headers().firstValue("X-Request-Id").get());
    }

    /**
     * The server's log file takes what its console does: a request, granted or refused, leaves no DEBUG or TRACE line
     * there (a logger configured without a level logs everything, and under load that was gigabytes an hour).
     */
    @Test
    void theLogFileTakesNothingBelowInfo() {
        String slug = tenant("elastic-path", "alice", "admin");
        Issued c = credential(slug, "alice", body("name", "quiet"));
        long mark = ServerLog.mark(ServerLog.FILE);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
            assertEquals(401, clientCredentials(c.clientId(), c.secret() + "x").status());
        }
        assertEquals(404, Http.send("GET", "/api/v1/no-such-thing", Map.of(), null).status());
        List<String> below = ServerLog.since(ServerLog.FILE, mark).stream()
                .filter(line -> line.matches("^\\d{4}-\\d{2}-\\d{2} [0-9:,]+ (DEBUG|TRACE) .*")).toList();
        assertTrue(below.isEmpty(), below.size() + " lines below INFO, the first: " + below.stream().findFirst().orElse(""));
    }

    /**
     * A request's body is read into 16 KiB buffers of native memory from the server's pool before a worker takes it
     * (the slow-client defence). The pool keeps a bounded number of them: unbounded, it kept one buffer more for every
     * twenty to forty requests it served (5 MB more over this test's 12 000, 23 MB after a minute of tokens at 8 connections),
     * none of which a collection frees.
     */
    @Test
    void requestBuffersStayPooledUnderLoad() throws Exception {
        String slug = tenant("elastic-path", "alice", "admin");
        Issued c = credential(slug, "alice", body("name", "buffered"));
        Map<String, String> direct = Map.of("name", "direct");
        double before = value(metrics(), "buffer_pool_used_memory_bytes", direct);
        HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest token = HttpRequest.newBuilder(URI.create(Http.KEYWARD + "/oauth/access_token")).timeout(Duration.ofSeconds(30))
                .header("Authorization", Http.basic(c.clientId(), c.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> counts;
        try {
            Callable<Integer> caller = () -> {
                int issued = 0;
                for (int i = 0; i < 1_500; i++) {
                    if (http1.send(token, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        issued++;
                    }
                }
                return issued;
            };
            counts = callers.invokeAll(Collections.nCopies(8, caller));
        } finally {
            callers.shutdown();
        }
        int issued = 0;
        for (Future<Integer> count : counts) {
            issued += count.get();
        }
        assertEquals(12_000, issued, "every token request was answered with a token");
        double grown = value(metrics(), "buffer_pool_used_memory_bytes", direct) - before;
        assertTrue(grown < 4 * 1024 * 1024, "the server's native buffers grew by " + (long) grown + " bytes over 12 000 requests");
    }

    /**
     * Undertow reads requests and writes answers on one I/O thread for every two cores, at least one (WildFly's default
     * is two a core): on two cores a second I/O thread woke for nearly every request at 8 connections and lengthened
     * the slowest answers. The server under test runs on this machine with the installation's default settings.
     */
    @Test
    void theServerRunsOneIoThreadForEveryTwoCores() throws Exception {
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertEquals(expected, value(metrics(), "io_io_thread_count", Map.of("name", "default", "type", "worker")),
                "I/O threads of the default worker");
    }

    @Test
    void metricsAreNotOnThePublicPort() {
        Http.Answer a = Http.send("GET", "/metrics", Map.of(), null);
        assertEquals(404, a.status(), a.toString());
        assertFalse(a.body().contains("keyward_tokens"), a.body());
    }

    private static JsonNode check(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check named " + name + " in " + checks);
    }

    private static String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = get(MANAGEMENT + "/metrics");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (others too); 0 when there is none. */
    static double value(String exposition, String name, Map<String, String> labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(exposition);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1) == null ? "" : m.group(1);
            if (labels.entrySet().stream().allMatch(l -> found.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static boolean present(String exposition, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exposition).find();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
