package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.keyward.it.Http.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fresh tenants per test, created over the API by the dev realm's operator, olivia. */
public final class TenantFixtures {

    private TenantFixtures() {
    }

    /**
     * Creates a tenant with {@code team} as (username, role) pairs and returns its slug. The step-up rule
     * (admins need a fresh MFA login) is turned off: these tenants serve tests of other rules, signed in from
     * the command line; LoginsIT and ConsoleIT test the step-up itself, with real MFA logins.
     */
    public static String tenant(String policy, String... team) {
        return tenant(policy, null, team);
    }

    public static String tenant(String policy, List<String> environments, String... team) {
        return tenantWith(policy, environments == null ? Map.of() : Map.of("environments", environments), team);
    }

    /** A tenant with further fields of the create request ({@code environments}, {@code tokenLifetimeSeconds}, …). */
    public static String tenantWith(String policy, Map<String, Object> options, String... team) {
        String slug = policy + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < team.length; i += 2) {
            members.add(body("username", team[i], "role", team[i + 1]));
        }
        Map<String, Object> request = body("slug", slug, "name", "Test " + slug, "policy", policy, "members", members,
                "freshMfaMinutes", 0);
        request.putAll(options);
        Http.Answer created = Http.post(Paths.TENANTS, "olivia", request);
        assertEquals(201, created.status(), created.toString());
        return slug;
    }

    /** A created credential: its id, client ID and the one-time secret. */
    public record Issued(String id, String clientId, String secret, JsonNode body) {
    }

    public static Issued credential(String slug, String user, Object request) {
        Http.Answer a = Http.post(Paths.tenantPath(slug, "credentials"), user, request);
        assertEquals(201, a.status(), a.toString());
        JsonNode b = a.json();
        return new Issued(b.get("id").asText(), b.get("clientId").asText(), b.get("clientSecret").asText(), b);
    }

    public static String memberId(String slug, String admin, String username) {
        for (JsonNode m : Http.get(Paths.tenantPath(slug, "members"), admin).json()) {
            if (m.get("username").asText().equals(username)) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError(username + " is not a member of " + slug);
    }

    /** The tenant's audit event types, newest first. */
    public static List<String> auditTypes(String slug, String user, String query) {
        List<String> types = new ArrayList<>();
        for (JsonNode e : Http.get(Paths.tenantPath(slug, "audit-events") + query, user).json().get("events")) {
            types.add(e.get("type").asText());
        }
        return types;
    }

    /** A new Keycloak person, member of a new store (alice its admin), holding a credential that issues tokens. */
    public record Member(String username, String store, Issued credential) {

        /** A client-credentials token request with the member's credential. */
        public Http.Answer tokenRequest() {
            return Http.clientCredentials(credential.clientId(), credential.secret());
        }
    }

    public static Member newMemberWithCredential(String prefix) {
        String username = KeycloakAdmin.newUser(prefix);
        String store = tenant("elastic-path", "alice", "admin", username, "member");
        Issued c = credential(store, username, body("name", username + "'s"));
        assertEquals(200, Http.clientCredentials(c.clientId(), c.secret()).status(), "the new member's credential works");
        return new Member(username, store, c);
    }
}
