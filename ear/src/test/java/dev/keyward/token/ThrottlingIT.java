package dev.keyward.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Raw;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Eventually.eventually;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guessing is slowed down, per client ID and per source address, without locking out a credential's rightful holder,
 * without telling which client IDs exist, and with the failures in the audit trail in aggregate. Each test is a
 * stranger from an address of its own on the loopback network (the tests' own address is not limited per address).
 */
class ThrottlingIT {

    private static final String WRONG = "kw_" + "A".repeat(43) + "_000000";

    @Test
    void aHammeredClientIdAnswers429ToGuessesWhileItsHolderKeepsGettingTokens() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "hammered"));
        Raw stranger = Raw.from("127.0.0.21");
        List<Integer> statuses = new ArrayList<>();
        Answer last = null;
        for (int i = 0; i < 15; i++) {
            last = stranger.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(c.clientId(), WRONG + i % 10));
            statuses.add(last.status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429, 429, 429, 429), statuses);
        assertOAuth(last, 429, "slow_down");
        assertTrue(Integer.parseInt(last.header("retry-after")) > 0, last.toString());

        assertEquals(200, Raw.from("127.0.0.22").form("/oauth/access_token", "grant_type=client_credentials",
                Http.basic(c.clientId(), c.secret())).status(), "the holder, elsewhere, is not locked out");
        assertEquals(200, stranger.form("/oauth/access_token", "grant_type=client_credentials",
                Http.basic(c.clientId(), c.secret())).status(), "nor from the same address: a right secret is never refused for the ID's failures");

        String failures = tenantPath(store, "audit-events?type=credential.authentication-failures");
        JsonNode events = eventually(Duration.ofSeconds(20), () -> Http.get(failures, "alice"),
                a -> a.status() == 200 && reported(a.json().get("events")) == 15, "the failures reported").json().get("events");
        assertTrue(events.size() <= 2, "in aggregate, not one event per attempt: " + events);
        for (JsonNode e : events) {
            assertEquals(c.id(), e.get("target").get("id").asText(), e.toString());
            assertTrue(e.get("detail").asText().matches("\\d+ failed authentications from 1 address in the last \\d+ s"), e.toString());
            assertTrue(!e.toString().contains(WRONG.substring(0, 20)), "no presented secret in the trail");
        }
    }

    /** The failures the events count together. */
    private static long reported(JsonNode events) {
        long sum = 0;
        for (JsonNode e : events) {
            sum += Long.parseLong(e.get("detail").asText().split(" ")[0]);
        }
        return sum;
    }

    @Test
    void anUnknownClientIdIsAnsweredExactlyAsAKnownOneWithAWrongSecret() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "known"));
        String unknown = "kwc_" + c.clientId().substring(4, c.clientId().length() - 4) + "zzzz";
        Raw from = Raw.from("127.0.0.23");
        for (int i = 0; i < 12; i++) {
            Answer known = from.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(c.clientId(), WRONG));
            Answer stranger = from.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(unknown, WRONG));
            assertEquals(known.status(), stranger.status(), "attempt " + i);
            assertEquals(known.body(), stranger.body(), "attempt " + i);
        }
        // implicit: an ID that exists but may not have one reads like one that does not exist
        String console = tenant("sensedia", "olivia", "super-admin");
        Issued sensedia = credential(console, "olivia", body("name", "no implicit tokens here"));
        Answer refused = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", sensedia.clientId()));
        Answer nobody = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", unknown + "x"));
        assertOAuth(refused, 401, "invalid_client");
        assertEquals(nobody.status(), refused.status());
        assertEquals(nobody.body(), refused.body());
    }

    @Test
    void theTimingOfAFailureDoesNotTellWhetherTheIdExists() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "timed"));
        String unknown = c.clientId().substring(0, c.clientId().length() - 4) + "zzzz";
        for (int warm = 0; warm < 200; warm++) {
            Http.tokenRequest(Map.of("grant_type", "client_credentials"), c.clientId(), WRONG);
            Http.tokenRequest(Map.of("grant_type", "client_credentials"), unknown, WRONG);
        }
        long[] known = new long[500];
        long[] stranger = new long[500];
        for (int i = 0; i < known.length; i++) { // interleaved, so that both see the same machine
            long t0 = System.nanoTime();
            Http.tokenRequest(Map.of("grant_type", "client_credentials"), c.clientId(), WRONG);
            long t1 = System.nanoTime();
            Http.tokenRequest(Map.of("grant_type", "client_credentials"), unknown, WRONG);
            known[i] = t1 - t0;
            stranger[i] = System.nanoTime() - t1;
        }
        double knownMedian = median(known) / 1e6;
        double unknownMedian = median(stranger) / 1e6;
        System.out.printf("Failed client authentication, median of 500: known ID %.3f ms, unknown ID %.3f ms%n", knownMedian, unknownMedian);
        assertTrue(Math.abs(knownMedian - unknownMedian) < 0.1 + 0.15 * Math.min(knownMedian, unknownMedian),
                "within noise: " + knownMedian + " vs " + unknownMedian + " ms");
    }

    @Test
    void anAddressThatKeepsFailingIsAnswered429WithoutLockingOutTheRightSecret() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "an address's budget"));
        Raw attacker = Raw.from("127.0.0.24");
        int refusedAt = -1;
        for (int i = 0; i < 130 && refusedAt < 0; i++) {
            String id = "kwc_guess" + i; // a new ID each time: only the address's budget can stop this
            if (attacker.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(id, WRONG)).status() == 429) {
                refusedAt = i;
            }
        }
        assertTrue(refusedAt >= 100 && refusedAt <= 105, "about the 101st failure in a minute is refused (the budget refills as it goes): " + refusedAt);
        assertOAuth(attacker.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(c.clientId(), WRONG)), 429, "slow_down");
        assertEquals(200, attacker.form("/oauth/access_token", "grant_type=client_credentials", Http.basic(c.clientId(), c.secret())).status(),
                "the right secret from that address (a proxy's, say) still gets its token");
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status(), "and from anywhere else");
    }

    @Test
    void customerSignInIsThrottledPerEmailAndPerAddress() {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "storefront"));
        String implicit = Store.implicitToken(c.clientId());
        String bearer = Store.accessToken(c.clientId(), c.secret());
        Store.customer(bearer, "guessed@x.test", "the right password");
        Raw guesser = Raw.from("127.0.0.25");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(signIn(guesser, implicit, "guessed@x.test", "wrong " + i).status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), statuses);
        Answer refused = signIn(guesser, implicit, "guessed@x.test", "the right password");
        assertEquals(429, refused.status(), "from the guesser's address the e-mail waits, the right password too: it is refused unchecked");
        assertEquals("429", refused.json().get("errors").get(0).get("status").asText());
        assertTrue(Integer.parseInt(refused.header("retry-after")) > 0);
        assertEquals(200, signIn(Raw.from("127.0.0.26"), implicit, "guessed@x.test", "the right password").status(),
                "the customer, elsewhere, is not locked out by the guesses");

        Store.customer(bearer, "other@x.test", "the right password");
        int[] perAddress = new int[40];
        Raw busy = Raw.from("127.0.0.27");
        for (int i = 0; i < perAddress.length; i++) {
            perAddress[i] = signIn(busy, implicit, "nobody" + i + "@x.test", "wrong").status();
        }
        long answered = Arrays.stream(perAddress).filter(s -> s == 401).count();
        assertTrue(answered >= 30 && answered <= 33, "about thirty failures a minute from one address: " + answered);
        assertEquals(429, signIn(busy, implicit, "other@x.test", "the right password").status());
        assertEquals(200, signIn(Raw.from("127.0.0.28"), implicit, "other@x.test", "the right password").status());
    }

    private static Answer signIn(Raw from, String bearer, String email, String password) {
        return from.send("POST", "/v2/customers/tokens", Map.of("Authorization", "Bearer " + bearer, "Content-Type", "application/json"),
                "{\"data\":{\"type\":\"token\",\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"authentication_mechanism\":\"password\"}}");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
