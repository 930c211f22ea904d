package dev.keyward.notice;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Mailbox;
import dev.keyward.it.TenantFixtures;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyward's own mail, read from the test mail server: the owner hears when someone else revokes their credential and
 * before it expires, once per notice; what they did themselves is not news to them.
 */
class NoticesIT {

    @Test
    void anOwnerHearsWhenSomeoneElseRevokesTheirCredentialButNotWhenTheyDo() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member", "carol", "member");
        String name = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        Issued bobs = credential(store, "bob", body("name", name));
        assertEquals(204, Http.delete(tenantPath(store, "credentials", bobs.id()), "alice").status());

        String mail = Mailbox.awaitWith("bob@keyward.test", name, 1).get(0);
        assertTrue(mail.contains("Subject: [Keyward] Credential \"" + name + "\" was revoked by alice"), mail);
        assertTrue(mail.contains(bobs.clientId()) && mail.contains("What to do"), mail);
        assertTrue(mail.contains("/console/#/account/credentials"), "a link to the console: " + mail);
        assertFalse(mail.contains(bobs.secret()), "never the secret");

        String own = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Issued carols = credential(store, "carol", body("name", own));
        assertEquals(204, Http.delete(tenantPath(store, "credentials", carols.id()), "carol").status());
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        Issued carolsNext = credential(store, "carol", body("name", other));
        assertEquals(204, Http.delete(tenantPath(store, "credentials", carolsNext.id()), "alice").status());
        Mailbox.awaitWith("carol@keyward.test", other, 1); // the outbox is sent in order: the earlier one would be there
        assertEquals(List.of(), Mailbox.with("carol@keyward.test", own), "revoking one's own credential is no news");
    }

    @Test
    void anOwnerHearsOnceBeforeTheirCredentialExpires() throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        String name = "expiring-" + UUID.randomUUID().toString().substring(0, 8);
        Instant expires = Instant.now().plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        credential(store, "bob", body("name", name, "expiresAt", expires.toString()));

        String mail = Mailbox.awaitWith("bob@keyward.test", name, 1).get(0);
        assertTrue(mail.contains("Subject: [Keyward] Credential \"" + name + "\" expires in 2 days"), mail);
        assertTrue(mail.contains("generate its successor"), mail);
        Thread.sleep(3000); // several scans later (every second in the tests)
        assertEquals(1, Mailbox.with("bob@keyward.test", name).size(), "told once, not on every scan");
    }

    @Test
    void aTenantNamesItsOwnDaysBeforeExpiry() {
        String store = TenantFixtures.tenantWith("elastic-path", java.util.Map.of("expiryNoticeDays", List.of(3)),
                "alice", "admin", "bob", "member", "carol", "member");
        assertEquals("[3]", Http.get("/api/v1/tenants/" + store, "alice").json().get("expiryNoticeDays").toString());
        String later = "in-five-days-" + UUID.randomUUID().toString().substring(0, 8);
        String sooner = "in-two-days-" + UUID.randomUUID().toString().substring(0, 8);
        credential(store, "carol", body("name", later, "expiresAt", Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        credential(store, "bob", body("name", sooner, "expiresAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        Mailbox.awaitWith("bob@keyward.test", sooner, 1);
        assertEquals(List.of(), Mailbox.with("carol@keyward.test", later), "5 days left is not within this tenant's 3 (the server's 7 would be)");
        assertEquals(400, Http.post("/api/v1/tenants", "olivia", body("slug", "bad-days-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Bad", "policy", "elastic-path", "expiryNoticeDays", List.of(0))).status());
    }

    @Test
    void anOwnerHearsBeforeARotationsGraceEndsAndWhenKeycloakSuspendsThem() {
        TenantFixtures.Member ivy = TenantFixtures.newMemberWithCredential("ivy");
        String store = ivy.store();
        Issued credential = ivy.credential();
        String name = credential.body().get("name").asText();
        Answer rotated = Http.post(tenantPath(store, "credentials", credential.id(), "rotate"), ivy.username(), body("graceSeconds", 7200));
        assertEquals(200, rotated.status(), rotated.toString());
        String email = ivy.username() + "@example.test";
        String grace = Mailbox.awaitWith(email, "The previous secret of", 1).get(0);
        assertTrue(grace.contains(name) && grace.contains("make sure everything that used the previous secret"), grace);

        KeycloakAdmin.setEnabled(ivy.username(), false);
        String suspended = Mailbox.awaitWith(email, "are suspended", 1).get(0);
        assertTrue(suspended.contains("Subject: [Keyward] Your credentials in " + store + " are suspended"), suspended);
        assertTrue(suspended.contains("issue no tokens"), suspended);
        KeycloakAdmin.setEnabled(ivy.username(), true);
    }
}
