package dev.keyward.web;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Raw;
import dev.keyward.it.ServerLog;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertNoInternals;
import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict reading: a body is read as its sender wrote it or refused with the field named, never converted or
 * half-read; values outside their documented ranges are refused; every error the server gives, even before Keyward's
 * code runs, is in the format of the surface asked; and what Keycloak would refuse is the client's 400, not an outage.
 */
class StrictInputIT {

    private static final String JSON = "application/json";

    @Test
    void wrongJsonTypesAndUnknownFieldsAre400NamingTheField() {
        String slug = "strict-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> refused = Map.of(
                "{\"slug\":5,\"name\":\"S\",\"policy\":\"elastic-path\"}", "slug",
                "{\"slug\":\"" + slug + "\",\"name\":\"S\",\"policy\":\"elastic-path\",\"disableUserOnRemoval\":\"yes\"}", "disableUserOnRemoval",
                "{\"slug\":\"" + slug + "\",\"name\":\"S\",\"policy\":\"elastic-path\",\"freshMfaMinutes\":1.5}", "freshMfaMinutes",
                "{\"slug\":\"" + slug + "\",\"name\":\"S\",\"policy\":\"elastic-path\",\"members\":[{\"username\":\"alice\",\"role\":7}]}", "members[0].role",
                "{\"slug\":\"" + slug + "\",\"name\":\"S\",\"policy\":\"elastic-path\",\"tenantSecret\":\"x\"}", "tenantSecret",
                "{\"slug\":\"" + slug + "\",\"name\":\"S\\u0000\",\"policy\":\"elastic-path\"}", "name");
        refused.forEach((json, field) -> {
            Answer a = Http.request("POST", TENANTS).as("olivia").body(JSON, json).send();
            assertProblem(a, 400, "invalid-body");
            assertEquals(field, a.json().get("errors").get(0).get("field").asText(), a.toString());
        });
        Answer empty = Http.post(TENANTS, "olivia", body("slug", slug, "name", "S", "policy", "euid", "environments", new String[0]));
        assertProblem(empty, 400, "invalid-environment"); // not the preset's defaults
        assertEquals(404, Http.get(tenantPath(slug), "olivia").status(), "none of them made the tenant");

        String store = tenant("elastic-path", "alice", "admin");
        Answer secretSmuggled = Http.request("POST", tenantPath(store, "credentials")).as("alice")
                .body(JSON, "{\"name\":\"mine\",\"clientSecret\":\"kw_chosen_by_me\"}").send();
        assertProblem(secretSmuggled, 400, "invalid-body");
        assertEquals("clientSecret", secretSmuggled.json().get("errors").get(0).get("field").asText());
        assertEquals(0, Http.get(tenantPath(store, "credentials"), "alice").json().size(), "nothing was made");
    }

    @Test
    void anAnswerEchoesABoundedPartOfWhatWasSent() {
        String store = tenant("elastic-path", "alice", "admin");
        String permissions = IntStream.range(0, 3_000).mapToObj(i -> "\"bogus:" + i + "\"")
                .collect(Collectors.joining(","));
        Answer a = Http.request("POST", tenantPath(store, "credentials")).as("alice")
                .body(JSON, "{\"name\":\"many\",\"permissions\":[" + permissions + "]}").send();
        assertProblem(a, 400, "invalid-body");
        assertTrue(a.body().length() < 8_000, a.body().length() + " bytes for 3 000 bad values");
        assertTrue(a.body().contains("more errors"), "says that there were more");
    }

    @Test
    void storeValuesOutsideTheirRangesAreRefusedAndNothingIsStored() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "back office"));
        String bearer = Store.accessToken(c.clientId(), c.secret());
        String customer = Store.customer(bearer, "ranges@x.test", "a long enough password");
        for (String amount : new String[]{"0", "-1", "9223372036854775807", "1.5", "\"10\"", "1e300"}) {
            Answer a = Store.post("/v2/customers/" + customer + "/orders", bearer,
                    "{\"data\":{\"type\":\"order\",\"total\":{\"amount\":" + amount + ",\"currency\":\"USD\"}}}");
            assertEquals(400, a.status(), amount + ": " + a);
            assertTrue(a.json().get("errors").isArray(), a.toString());
            assertNoInternals(a);
        }
        assertEquals(0, Store.get("/v2/customers/" + customer + "/orders", bearer).json().get("data").size());

        for (String product : new String[]{
                "{\"data\":{\"type\":\"product\",\"name\":\"N\\u0000\",\"sku\":\"S-1\"}}",
                "{\"data\":{\"type\":\"product\",\"name\":\"N\",\"sku\":\"S-2\",\"slug\":\"../../etc\"}}",
                "{\"data\":{\"type\":\"product\",\"name\":\"N\",\"sku\":\"S-3\",\"price\":5}}"}) {
            Answer a = Store.post("/v2/products", bearer, product);
            assertEquals(400, a.status(), product + ": " + a);
            assertTrue(a.json().get("errors").isArray(), a.toString());
        }
        assertEquals(0, Store.get("/v2/products", bearer).json().get("data").size());
    }

    @Test
    void aTakenEmailIsAConflictAndTheLogKeepsTheAddressToItself() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "back office"));
        String bearer = Store.accessToken(c.clientId(), c.secret());
        long mark = ServerLog.mark();
        Store.customer(bearer, "first@x.test", "a long enough password");
        String second = Store.customer(bearer, "second@x.test", "a long enough password");

        Answer taken = Store.as(bearer).put("/v2/customers/" + second,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Second\",\"email\":\"First@x.test\"}}");
        assertEquals(409, taken.status(), taken.toString());
        assertEquals("409", taken.json().get("errors").get(0).get("status").asText());
        assertEquals("second@x.test", Store.get("/v2/customers/" + second, bearer).json().get("data").get("email").asText());
        Answer twice = Store.post("/v2/customers", bearer,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Again\",\"email\":\"first@x.test\",\"password\":\"a long enough password\"}}");
        assertEquals(409, twice.status(), twice.toString());
        assertTrue(ServerLog.since(mark).stream().noneMatch(l -> l.contains("first@x.test")), "no personal data in the server's log");
    }

    @Test
    void whatKeycloakWouldRefuseIsTheClientsMistakeNotAnOutage() {
        String store = tenant("elastic-path", "alice", "admin");
        assertProblem(Http.post(tenantPath(store, "invitations"), "alice", body("email", "<script>@x.test", "role", "member")), 400,
                "invalid-email");
        assertProblem(Http.post(tenantPath(store, "members"), "alice", body("username", "nul\u0000name", "role", "member")), 400,
                "invalid-body");
    }

    @Test
    void errorsTheServerGivesBeforeKeywardAreInTheSurfacesFormat() {
        String token = Http.token("alice");
        Answer path = Raw.fromTestRunner().send("GET", "/api/v1/tenants/%FF%FE", Map.of("Authorization", "Bearer " + token), null);
        assertProblem(path, 400, "bad-request");
        Answer storePath = Raw.fromTestRunner().send("GET", "/v2/products/%FF%FE", Map.of(), null);
        assertEquals(400, storePath.status());
        assertTrue(storePath.json().get("errors").isArray(), storePath.toString());
        Answer oauthPath = Raw.fromTestRunner().send("POST", "/oauth/%FF%FE", Map.of(), "");
        assertEquals("invalid_request", oauthPath.json().get("error").asText(), oauthPath.toString());

        Answer contentType = Raw.fromTestRunner().send("POST", TENANTS, Map.of("Authorization", "Bearer " + token, "Content-Type", ";;;=="), "{}");
        assertEquals(400, contentType.status(), contentType.toString());
        assertEquals("application/problem+json", contentType.header("content-type"));
        Answer accept = Raw.fromTestRunner().send("GET", "/api/v1/me", Map.of("Authorization", "Bearer " + token, "Accept", ";;;=="), null);
        assertTrue(accept.status() == 400 || accept.status() == 406, accept.toString());
        assertEquals("application/problem+json", accept.header("content-type"));
        Answer oauthType = Raw.fromTestRunner().send("POST", "/oauth/access_token", Map.of("Content-Type", "=;="), "grant_type=client_credentials");
        assertEquals("invalid_request", oauthType.json().get("error").asText(), oauthType.toString());

        Answer declaredTooLarge = Raw.fromTestRunner().send("POST", TENANTS,
                Map.of("Authorization", "Bearer " + token, "Content-Type", JSON), "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertProblem(declaredTooLarge, 413, "body-too-large");
        Answer megabytes = Raw.fromTestRunner().send("POST", TENANTS,
                Map.of("Authorization", "Bearer " + token, "Content-Type", JSON), "{\"name\":\"" + "x".repeat(2_000_000) + "\"}");
        assertProblem(megabytes, 413, "body-too-large"); // past the buffering too, and past the server's former 1 MiB
    }

    @Test
    void aRequestPastKeywardsLimitsIsAnsweredInItsSurfacesFormatAndLogsNothing() {
        String token = Http.token("alice");
        long mark = ServerLog.mark();
        Map<String, String> manyFields = IntStream.range(0, 250).boxed()
                .collect(Collectors.toMap(i -> "X-Field-" + i, i -> "v"));
        manyFields.put("Authorization", "Bearer " + token);
        Answer fields = Raw.fromTestRunner().send("GET", "/api/v1/me", manyFields, null);
        assertProblem(fields, 431, "headers-too-large"); // was WildFly's empty 400 from 201 fields on
        Map<String, String> manyFieldsAndABody = new HashMap<>(manyFields);
        manyFieldsAndABody.put("Content-Type", JSON);
        for (int i = 0; i < 30; i++) { // the start of a refused body is dropped before the answer, not read again after it
            assertProblem(Raw.fromTestRunner().send("POST", TENANTS, manyFieldsAndABody, "{\"name\":\"" + "x".repeat(20_000) + "\"}"),
                    431, "headers-too-large");
        }

        Answer megabyteHeader = Raw.fromTestRunner().send("POST", "/oauth/access_token",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Padding", "p".repeat(1 << 20)), "grant_type=client_credentials");
        assertOAuth(megabyteHeader, 431, "invalid_request"); // was an empty 400 from 1 MiB on

        String cookies = IntStream.range(0, 300).mapToObj(i -> "c" + i + "=1").collect(Collectors.joining("; "));
        Answer cookieJar = Raw.fromTestRunner().send("GET", "/v2/products", Map.of("Cookie", cookies), null);
        assertEquals(431, cookieJar.status(), cookieJar.toString()); // was a 500 and three stack traces in the log
        assertEquals("431", cookieJar.json().get("errors").get(0).get("status").asText(), cookieJar.toString());
        String commaCookies = IntStream.range(0, 300).mapToObj(i -> "c" + i + "=1").collect(Collectors.joining(","));
        assertEquals(431, Raw.fromTestRunner().send("GET", "/api/v1/me", Map.of("Cookie", commaCookies), null).status());
        String fewCookies = IntStream.range(0, 150).mapToObj(i -> "c" + i + "=1").collect(Collectors.joining("; "));
        Answer withCookies = Raw.fromTestRunner().send("GET", "/api/v1/me", Map.of("Authorization", "Bearer " + token, "Cookie", fewCookies), null);
        assertEquals(200, withCookies.status(), "150 cookies are within the limits: " + withCookies);

        Answer longAddress = Raw.fromTestRunner().send("POST", "/euid/v2/token/generate/" + "a".repeat(100_000), Map.of(), "x");
        assertEquals(414, longAddress.status(), longAddress.toString());
        assertEquals("client_error", longAddress.json().get("status").asText(), longAddress.toString()); // the operator's words
        String queries = IntStream.range(0, 1_500).mapToObj(i -> "q" + i + "=1").collect(Collectors.joining("&"));
        Answer manyQueries = Raw.fromTestRunner().send("GET", "/api/v1/me?" + queries, Map.of("Authorization", "Bearer " + token), null);
        assertTrue(manyQueries.status() < 500, manyQueries.toString()); // was an empty 400 from 1 001 parameters on
        assertEquals("application/problem+json", Raw.fromTestRunner().send("GET", "/api/v1/me?" + queries + "&" + queries,
                Map.of("Authorization", "Bearer " + token), null).header("content-type"), "past 8 KiB of address: a 414 problem");

        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = send(h2, HttpRequest.newBuilder(URI.create(Http.KEYWARD + "/health/live")));
        assertEquals(HttpClient.Version.HTTP_2, upgraded.version(), "the connection speaks HTTP/2 from here on");
        HttpResponse<String> h2Within = send(h2, HttpRequest.newBuilder(URI.create(Http.KEYWARD + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).header("X-Padding", "p".repeat(30_000)));
        assertEquals(HttpClient.Version.HTTP_2, h2Within.version());
        assertEquals(200, h2Within.statusCode(), "30 KB of head is within the limits over HTTP/2 too (was the end of the connection)");
        HttpResponse<String> h2Past = send(h2, HttpRequest.newBuilder(URI.create(Http.KEYWARD + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).header("X-Padding", "p".repeat(70_000)));
        assertEquals(431, h2Past.statusCode(), "over HTTP/2 as over HTTP/1.1");
        assertEquals("application/problem+json", h2Past.headers().firstValue("content-type").orElse(""));

        Answer far = Raw.fromTestRunner().send("GET", "/api/v1/nowhere/" + "n".repeat(6_000), Map.of("Authorization", "Bearer " + token), null);
        assertProblem(far, 404, "not-found");
        assertTrue(far.body().length() < 1_000, "an answer quotes a bounded part of the address: " + far.body().length() + " bytes");

        Answer declaredHuge = Raw.fromTestRunner().send("POST", TENANTS, Map.of("Authorization", "Bearer " + token,
                "Content-Type", JSON, "Content-Length", "21474836480"), "{\"name\":\"" + "x".repeat(100_000));
        assertProblem(declaredHuge, 413, "body-too-large"); // 20 GiB declared, its start sent: was an empty 400 from 10 MiB on

        assertTrue(ServerLog.since(mark).stream().noneMatch(l -> l.contains("ERROR") || l.startsWith("\tat ")),
                "a request past the limits is the client's mistake, not the log's: " + ServerLog.since(mark));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyAnswerTellsBrowsersNotToSniff() {
        for (Answer a : new Answer[]{Http.get("/api/v1/me", "alice"), Http.get("/api/v1/me", null),
                Http.tokenRequest(Map.of("grant_type", "client_credentials")), Http.send("GET", "/v2/products", Map.of(), null),
                Http.send("GET", "/.well-known/openid-configuration", Map.of(), null), Http.send("GET", "/nowhere", Map.of(), null)}) {
            assertEquals("nosniff", a.header("X-Content-Type-Options"), a.toString());
        }
    }
}
