package dev.keyward.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.OnPostgresql;
import dev.keyward.it.PostgresqlPhase;
import dev.keyward.it.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Keyward acknowledged stays true through a crash. Eight people create, rotate, disable and revoke their
 * credentials as fast as the server answers; WildFly is killed with {@code SIGKILL} in the middle of it and started
 * again on the same database. Afterwards every acknowledged change is there, with its audit event: no credential
 * whose secret was handed out has vanished, no revoked one works again, no rotated-away secret works again.
 * A change that was sent but never answered may or may not have happened, and either is accepted. On H2, the default,
 * and on PostgreSQL.
 */
class CrashIT {

    static final int PEOPLE = 8;
    /** Two rounds of three seconds in every build; bench/faults runs more and longer. */
    static final int ROUNDS = Integer.getInteger("keyward.it.crash.rounds", 2);
    /** Rounds on PostgreSQL: two in every build, as on H2; bench/faults runs as many as on H2. */
    static final int POSTGRESQL_ROUNDS = Integer.getInteger("keyward.it.crash.postgresql-rounds", 2);
    static final Duration LOAD = Duration.parse(System.getProperty("keyward.it.crash.load", "PT3S"));
    /** What "the last moment before the crash" means in the report: what a delayed commit would lose. */
    static final long LATE_MILLIS = 250;

    enum State { ACTIVE, DISABLED, REVOKED }

    /** One credential as its owner saw it: the last acknowledged state and secret, and a change sent but not answered. */
    static final class Seen {
        final String id;
        final String clientId;
        String secret;
        String rotatedAway;
        State state = State.ACTIVE;
        String unanswered;
        long acknowledgedAt;

        Seen(String id, String clientId, String secret) {
            this.id = id;
            this.clientId = clientId;
            this.secret = secret;
            this.acknowledgedAt = System.nanoTime();
        }
    }

    /** One person's cycle: create, rotate (no grace), disable, revoke, and again, until the server stops answering. */
    record Person(String store, String username, List<Seen> seen, AtomicBoolean stop) implements Runnable {

        @Override
        public void run() {
            String base = tenantPath(store, "credentials");
            try {
                while (!stop.get()) {
                    Answer created = Http.post(base, username, body("name", "crash " + seen.size()));
                    if (created.status() != 201) {
                        return;
                    }
                    JsonNode c = created.json();
                    Seen s = new Seen(c.get("id").asText(), c.get("clientId").asText(), c.get("clientSecret").asText());
                    seen.add(s);
                    if (!change(s, "rotate", () -> Http.post(base + "/" + s.id + "/rotate", username, body("graceSeconds", 0)), 200)) {
                        return;
                    }
                    if (!change(s, "disable", () -> Http.post(base + "/" + s.id + "/disable", username, ""), 200)) {
                        return;
                    }
                    if (!change(s, "revoke", () -> Http.delete(base + "/" + s.id, username), 204)) {
                        return;
                    }
                }
            } catch (RuntimeException serverGone) {
                // the connection broke: whatever was unanswered stays so
            }
        }

        private boolean change(Seen s, String what, java.util.function.Supplier<Answer> call, int ok) {
            s.unanswered = what;
            Answer a = call.get();
            if (a.status() != ok) {
                return false;
            }
            switch (what) {
                case "rotate" -> {
                    s.rotatedAway = s.secret;
                    s.secret = a.json().get("clientSecret").asText();
                }
                case "disable" -> s.state = State.DISABLED;
                default -> s.state = State.REVOKED;
            }
            s.unanswered = null;
            s.acknowledgedAt = System.nanoTime();
            return !stop.get();
        }
    }

    @Test
    void everyAcknowledgedChangeSurvivesKillNine() throws Exception {
        crashRounds("H2", Map.of(), ROUNDS);
    }

    /** The same on PostgreSQL, the production database: crashed and started again as often, on PostgreSQL each time. */
    @Test
    @OnPostgresql
    void everyAcknowledgedChangeSurvivesKillNineOnPostgresql() throws Exception {
        crashRounds("PostgreSQL", PostgresqlPhase.environment(), POSTGRESQL_ROUNDS);
    }

    private static void crashRounds(String database, Map<String, String> server, int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            // new people each round: a credential left active or disabled by the last crash holds its owner's one slot
            String[] team = new String[2 + 2 * PEOPLE];
            team[0] = "alice";
            team[1] = "admin";
            List<String> people = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                people.add(KeycloakAdmin.newUser("crash"));
                team[2 + 2 * i] = people.get(i);
                team[3 + 2 * i] = "member";
            }
            String store = tenant("elastic-path", team);
            people.forEach(Http::token); // signed in before the load, so that Keycloak is not part of what is measured

            AtomicBoolean stop = new AtomicBoolean();
            List<Person> running = people.stream()
                    .map(p -> new Person(store, p, java.util.Collections.synchronizedList(new ArrayList<>()), stop)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
            running.forEach(pool::execute);
            pause(LOAD.toMillis());
            long crashedAt = System.nanoTime();
            Server.crash();
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the people stopped once the server was gone");
            Duration restart = Server.restart(server);

            List<Seen> all = running.stream().flatMap(p -> p.seen().stream()).toList();
            long late = all.stream().filter(s -> crashedAt - s.acknowledgedAt < TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)).count();
            for (Person p : running) {
                for (Seen s : p.seen()) {
                    check(store, p.username(), s);
                }
            }
            checkAudited(store, all);
            System.out.printf("crash round %d on %s: %d credentials, %d acknowledged in the last %d ms, all there after a %d ms restart%n",
                    round, database, all.size(), late, LATE_MILLIS, restart.toMillis());
            assertTrue(all.size() >= PEOPLE, "the load ran: " + all.size() + " credentials");
        }
    }

    private static void check(String store, String owner, Seen s) {
        Answer view = Http.get(tenantPath(store, "credentials", s.id), owner);
        assertEquals(200, view.status(), "an acknowledged credential is still there: " + view);
        String status = view.json().get("status").asText();
        Set<String> allowed = new HashSet<>(Set.of(s.state.name().toLowerCase()));
        if (s.unanswered != null) {
            allowed.add(switch (s.unanswered) {
                case "disable" -> "disabled";
                case "revoke" -> "revoked";
                default -> "active";
            });
        }
        assertTrue(allowed.contains(status), s.clientId + " is " + status + ", acknowledged " + s.state + " (unanswered: " + s.unanswered + ")");
        if (s.state != State.ACTIVE) {
            assertEquals(401, clientCredentials(s.clientId, s.secret).status(), s.clientId + " was acknowledged " + s.state + " and must not work");
        } else if (s.unanswered == null) {
            assertEquals(200, clientCredentials(s.clientId, s.secret).status(), s.clientId + ": its acknowledged secret works");
        }
        if (s.rotatedAway != null) {
            assertEquals(401, clientCredentials(s.clientId, s.rotatedAway).status(), s.clientId + ": a rotated-away secret never works again");
        }
    }

    /** Every acknowledged change has its audit event, written in the same transaction. */
    private static void checkAudited(String store, List<Seen> all) {
        Map<String, String> types = Map.of("created", "credential.created", "rotated", "credential.rotated",
                "disabled", "credential.disabled", "revoked", "credential.revoked");
        Map<String, Set<String>> audited = new java.util.HashMap<>();
        for (String type : types.values()) {
            Set<String> ids = new HashSet<>();
            for (int offset = 0; ; offset += 200) {
                JsonNode events = Http.get(tenantPath(store, "audit-events?type=" + type + "&limit=200&offset=" + offset), "alice")
                        .json().get("events");
                events.findValues("target").forEach(t -> ids.add(t.get("id").asText()));
                if (events.size() < 200) {
                    break;
                }
            }
            audited.put(type, ids);
        }
        for (Seen s : all) {
            assertTrue(audited.get("credential.created").contains(s.id), s.clientId + " created, and audited");
            if (s.rotatedAway != null) {
                assertTrue(audited.get("credential.rotated").contains(s.id), s.clientId + " rotated, and audited");
            }
            if (s.state != State.ACTIVE) {
                assertTrue(audited.get("credential.disabled").contains(s.id), s.clientId + " disabled, and audited");
            }
            if (s.state == State.REVOKED) {
                assertTrue(audited.get("credential.revoked").contains(s.id), s.clientId + " revoked, and audited");
            }
        }
    }
}
