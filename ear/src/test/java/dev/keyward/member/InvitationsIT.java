package dev.keyward.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Browser;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Mailbox;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000's invitations, end to end against the real Keycloak: Keycloak mails the invitee, who follows the
 * link, chooses a password on Keycloak's own pages, signs in, and is a member on their first call to Keyward.
 */
class InvitationsIT {

    @Test
    void anInviteeFollowsKeycloaksMailSetsAPasswordAndBecomesAMember() {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String path = tenantPath(store, "invitations");

        Answer invited = Http.post(path, "alice", body("email", email, "role", "member"));
        assertEquals(201, invited.status(), invited.toString());
        assertEquals("pending", invited.json().get("status").asText());
        assertEquals(1, invited.json().get("sendCount").asInt());
        assertEquals(409, Http.post(path, "alice", body("email", email, "role", "admin")).status(), "one pending invitation per address");
        Answer member = Http.post(path, "alice", body("email", "bob@keyward.test", "role", "member"));
        assertEquals(409, member.status(), member.toString());
        assertEquals(403, Http.post(path, "bob", body("email", "x-" + email, "role", "member")).status(), "members do not invite");

        String mail = Mailbox.await(email, 1).get(0);
        assertFalse(mail.toLowerCase().contains("password:"), "Keycloak's mail carries a link, never a password");
        String link = Mailbox.actionLink(mail);

        Browser browser = new Browser();
        Browser.Page page = browser.open(link);
        String password = "Chosen-" + UUID.randomUUID();
        for (int step = 0; step < 8 && page.leftTo() == null; step++) {
            Map<String, String> inputs = page.inputs();
            if (inputs.containsKey("password-new")) {
                page = browser.submit(page, Map.of("password-new", password, "password-confirm", password));
            } else if (inputs.containsKey("firstName")) {
                page = browser.submit(page, Map.of("firstName", "Ina", "lastName", "Invitee"));
            } else if (proceedLink(page) != null) {
                page = browser.open(proceedLink(page));
            } else {
                break;
            }
        }
        assertTrue(page.leftTo() != null || page.text().contains("updated"), "Keycloak's pages done: " + page.text());

        Answer login = Http.keycloakToken(Map.of("grant_type", "password", "client_id", "keyward-cli", "username", email,
                "password", password));
        assertEquals(200, login.status(), "the invitee signs in with the password they chose: " + login);
        String token = login.json().get("access_token").asText();
        JsonNode me = Http.get("/api/v1/me", token).json();
        assertTrue(me.get("memberships").findValuesAsText("tenant").contains(store), me.toString());

        JsonNode invitation = Http.get(path, "alice").json().get(0);
        assertEquals("accepted", invitation.get("status").asText());
        assertTrue(Http.get(tenantPath(store, "members"), "alice").json().findValuesAsText("username").contains(email));
        assertEquals(1, auditTypes(store, "alice", "?type=invitation.created").size());
        assertEquals(1, auditTypes(store, "alice", "?type=invitation.accepted").size());
        assertEquals(409, Http.post(path, "alice", body("email", email, "role", "member")).status(), "now a member");
    }

    @Test
    void aPendingInvitationIsResentOrCancelledAndBadInputIsRefused() {
        String store = tenant("elastic-path", "alice", "admin");
        String email = "maybe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String path = tenantPath(store, "invitations");
        String id = Http.post(path, "alice", body("email", email, "role", "member")).json().get("id").asText();

        Answer resent = Http.post(path + "/" + id + "/resend", "alice", "");
        assertEquals(200, resent.status(), resent.toString());
        assertEquals(2, resent.json().get("sendCount").asInt());
        assertEquals(2, Mailbox.await(email, 2).size());

        Answer cancelled = Http.delete(path + "/" + id, "alice");
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        assertEquals(409, Http.post(path + "/" + id + "/resend", "alice", "").status());
        assertEquals(201, Http.post(path, "alice", body("email", email, "role", "member")).status(), "the address is free again");
        assertEquals(List.of("invitation.created", "invitation.cancelled", "invitation.resent", "invitation.created"),
                auditTypes(store, "alice", "").stream().filter(t -> t.startsWith("invitation.")).toList());

        Answer bad = Http.post(path, "alice", body("email", "not-an-address", "role", "member"));
        assertEquals(400, bad.status());
        assertEquals("application/problem+json", bad.header("Content-Type"));
        assertEquals(404, Http.delete(tenantPath(tenant("elastic-path", "carol", "admin"), "invitations", id), "carol").status(),
                "another tenant's invitation is not found");
    }

    private static String proceedLink(Browser.Page page) {
        Matcher m = Pattern.compile("href=\"([^\"]*login-actions/[^\"]*)\"").matcher(page.body());
        return m.find() ? page.uri().resolve(m.group(1).replace("&amp;", "&")).toString() : null;
    }
}
