package dev.keyward.credential;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Browser;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Mailbox;
import dev.keyward.it.TenantFixtures.Issued;
import dev.keyward.it.Totp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Break-glass under Sensedia, where only a credential's owner may revoke it: a super admin with a fresh MFA login
 * (mia, with her one-time code) revokes carol's credential in an emergency where the tenant allows it, with a reason;
 * everyone else is refused as the rule says, and the owner-only rule holds for the ordinary revocation.
 */
class BreakGlassIT {

    private static final String MIA_OTP_SECRET = "keyward-demo-mia-otp"; // the dev realm's seeded authenticator of mia

    @Test
    void aSuperAdminWithAFreshMfaLoginRevokesAnotherOnesCredentialWithAReasonAndEveryoneHears() {
        String tenant = tenantWith("sensedia", Map.of("breakGlassBySuperAdmins", true), "carol", "super-admin", "mia", "super-admin");
        String name = "carol's-" + UUID.randomUUID().toString().substring(0, 8);
        Issued carols = credential(tenant, "carol", body("name", name));
        assertEquals(200, Http.clientCredentials(carols.clientId(), carols.secret()).status());
        String mia = miaWithHerCode();
        String path = tenantPath(tenant, "credentials", carols.id());

        assertProblem(Http.request("DELETE", path).as(mia).send(), 403, "policy-refused"); // the owner-only rule stands
        assertProblem(Http.request("POST", path + "/break-glass").as(mia).body("application/json", "{}").send(), 400, "invalid-body");
        assertProblem(Http.request("POST", path + "/break-glass").as(mia).body("application/json", "{\"reason\":\"oops\"}").send(),
                400, "break-glass-reason");
        assertProblem(Http.post(path + "/break-glass", "carol", body("reason", "carol has no MFA at all")), 401, "step-up-required");
        assertProblem(Http.post(path + "/break-glass", "olivia", body("reason", "an operator without MFA either")), 401, "step-up-required");
        assertProblem(Http.post(path + "/break-glass", "erin", body("reason", "a stranger to this tenant")), 404, "unknown-tenant");
        assertEquals(200, Http.clientCredentials(carols.clientId(), carols.secret()).status(), "nothing was revoked yet");

        String reason = "the secret was pasted into a public chat channel at 09:12";
        Answer broken = Http.request("POST", path + "/break-glass").as(mia).body("application/json",
                "{\"reason\":\"" + reason + "\"}").send();
        assertEquals(200, broken.status(), broken.toString());
        assertEquals("revoked", broken.json().get("status").asText());
        assertEquals(401, Http.clientCredentials(carols.clientId(), carols.secret()).status());

        JsonNode event = Http.get(tenantPath(tenant, "audit-events?type=credential.break-glass-revoked"), "carol").json().get("events").get(0);
        assertEquals("mia", event.get("actor").get("username").asText());
        assertTrue(event.get("detail").asText().contains(reason), event.toString());
        assertTrue(auditTypes(tenant, "carol", "?type=policy.refused").size() >= 1, "the refused ordinary revocation is in the trail");

        for (String who : new String[] {"carol@keyward.test", "mia@keyward.test"}) {
            String mail = Mailbox.awaitWith(who, name, 1).get(0);
            assertTrue(mail.contains("revoked in an emergency by mia") && mail.contains(reason), mail);
        }
        assertProblem(Http.request("POST", path + "/break-glass").as(mia).body("application/json",
                "{\"reason\":\"" + reason + "\"}").send(), 409, "credential-revoked");
    }

    @Test
    void whereTheTenantDoesNotAllowItOnlyOperatorsMay() {
        String tenant = tenantWith("sensedia", Map.of(), "carol", "super-admin", "mia", "super-admin");
        Issued carols = credential(tenant, "carol", body("name", "kept"));
        Answer refused = Http.request("POST", tenantPath(tenant, "credentials", carols.id(), "break-glass")).as(miaWithHerCode())
                .body("application/json", "{\"reason\":\"an emergency, but not mine to call\"}").send();
        assertProblem(refused, 403, "policy-refused");
        assertTrue(refused.json().get("detail").asText().startsWith("Only Keyward operators may"), refused.toString());
        assertEquals(200, Http.clientCredentials(carols.clientId(), carols.secret()).status());
    }

    /** mia's fresh token, from one login for the class: both tests run well within its five minutes. */
    private static String miasToken;

    private static synchronized String miaWithHerCode() {
        if (miasToken == null) {
            miasToken = signInMiaWithHerCode();
        }
        return miasToken;
    }

    /**
     * mia's access token from a browser login through Keycloak's own pages with her one-time code, as the console signs in
     * (a command-line login carries no auth_time, so it never counts as fresh).
     */
    private static String signInMiaWithHerCode() {
        Browser browser = new Browser();
        Browser.Authorization authorization = Browser.consoleLogin("keyward", "&max_age=300");
        Browser.Page done = browser.submit(browser.open(authorization.url()), Map.of("username", "mia", "password", "keyward"));
        // Keycloak takes each code once and accepts the periods either side of this one too: the console's tests, just
        // before, may have spent some of the three, so each is tried before waiting for a fresh period
        for (int round = 0; round < 3 && done.leftTo() == null; round++) {
            if (round > 0) {
                sleepUntilTheNextPeriod();
            }
            for (int periods : new int[] {1, 0, -1}) {
                if (done.leftTo() == null) {
                    done = browser.submit(done, Map.of("otp", Totp.ahead(MIA_OTP_SECRET, periods)));
                }
            }
        }
        return Browser.exchange(done.code(), authorization);
    }

    private static void sleepUntilTheNextPeriod() {
        try {
            Thread.sleep(30_000 - System.currentTimeMillis() % 30_000 + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
