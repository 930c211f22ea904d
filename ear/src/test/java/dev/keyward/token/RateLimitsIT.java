package dev.keyward.token;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-credential rate limits: a tenant's for all its credentials, a credential's own instead, set by those who manage
 * the team; counted at the token endpoint and on the store API, told in the IETF's {@code RateLimit-Policy} and
 * {@code RateLimit} fields, and answered 429 with {@code Retry-After} once used up.
 */
class RateLimitsIT {

    @Test
    void aTenantsLimitPerSecondHoldsAtTheTokenEndpointAndSaysWhatIsLeft() {
        String store = tenantWith("elastic-path", Map.of("rateLimit", Map.of("perSecond", 3)), "alice", "admin");
        assertEquals(3, Http.get(tenantPath(store), "alice").json().get("rateLimit").get("perSecond").asInt());
        Issued c = credential(store, "alice", body("name", "limited"));

        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(clientCredentials(c.clientId(), c.secret()));
        }
        Answer first = answers.get(0);
        assertEquals(200, first.status(), first.toString());
        assertEquals("\"per-second\";q=3;w=1", first.header("RateLimit-Policy"));
        assertEquals("\"per-second\";r=2;t=1", first.header("RateLimit"));
        assertEquals(200, answers.get(1).status());
        assertEquals(200, answers.get(2).status());
        Answer refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow(() -> new AssertionError("never refused"));
        assertOAuth(refused, 429, "slow_down");
        assertEquals("1", refused.header("Retry-After"));
        assertEquals("\"per-second\";r=0;t=1", refused.header("RateLimit"));
        assertTrue(answers.stream().filter(a -> a.status() == 200).count() <= 5, "three a second, and what refills meanwhile");
    }

    @Test
    void aCredentialsOwnLimitIsSetByItsManagersAndHoldsOnTheStoreApi() throws InterruptedException {
        String store = tenantWith("elastic-path", Map.of(), "alice", "admin", "bob", "member");
        Issued bobs = credential(store, "bob", body("name", "bob's"));
        String path = tenantPath(store, "credentials", bobs.id(), "rate-limit");

        assertProblem(Http.request("PUT", path).as("bob").body("application/json", "{\"perDay\":1000000}").send(), 403,
                "policy-refused");
        assertProblem(Http.request("PUT", path).as("alice").body("application/json", "{\"perDay\":0}").send(), 400, "invalid-rate-limit");
        Answer set = Http.request("PUT", path).as("alice").body("application/json", "{\"perDay\":4}").send();
        assertEquals(200, set.status(), set.toString());
        assertEquals(4, set.json().get("rateLimit").get("perDay").asLong());
        assertEquals(4, set.json().get("rateLimitInEffect").get("perDay").asLong());
        assertTrue(auditTypes(store, "alice", "").contains("credential.rate-limit-changed"));

        String token = Store.accessToken(bobs.clientId(), bobs.secret()); // one of the four
        Answer read = Store.get("/v2/products", token);
        assertEquals(200, read.status());
        assertEquals("\"per-day\";q=4;w=86400", read.header("RateLimit-Policy"));
        assertTrue(read.header("RateLimit").startsWith("\"per-day\";r=2;t="), read.header("RateLimit"));
        assertEquals(200, Store.get("/v2/products", token).status());
        Answer over = Store.get("/v2/products", token);
        assertEquals(200, over.status(), "the fourth");
        Answer refused = Store.get("/v2/products", token);
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("429", refused.json().get("errors").get(0).get("status").asText());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry > 86_000 && retry <= 86_400, "a day after the first: " + retry);
        assertOAuth(clientCredentials(bobs.clientId(), bobs.secret()), 429, "slow_down");

        Answer lifted = Http.request("PUT", path).as("alice").body("application/json", "{}").send();
        assertTrue(!lifted.json().hasNonNull("rateLimit"), lifted.toString());
        Answer free = Store.get("/v2/products", token);
        assertEquals(200, free.status(), "back to the tenant's: none");
        assertNull(free.header("RateLimit"));
    }

    @Test
    void aTenantsLimitChangesForEveryCredentialAtOnceAndIsAudited() {
        String store = tenantWith("elastic-path", Map.of(), "alice", "admin", "bob", "member");
        Issued c = credential(store, "alice", body("name", "soon limited"));
        assertNull(clientCredentials(c.clientId(), c.secret()).header("RateLimit"), "no limit yet");

        assertProblem(Http.request("PUT", tenantPath(store, "rate-limit")).as("bob").body("application/json", "{\"perSecond\":100}").send(),
                403, "policy-refused");
        Answer set = Http.request("PUT", tenantPath(store, "rate-limit")).as("alice").body("application/json", "{\"perSecond\":50}").send();
        assertEquals(200, set.status(), set.toString());
        assertEquals("\"per-second\";q=50;w=1", clientCredentials(c.clientId(), c.secret()).header("RateLimit-Policy"),
                "the cached credential was read again");
        assertEquals("tenant.rate-limit-changed", auditTypes(store, "alice", "").get(0));
        assertProblem(Http.request("PUT", tenantPath(store, "rate-limit")).as("alice").body("application/json", "{\"perSecond\":\"many\"}").send(),
                400, "invalid-body");
    }
}
