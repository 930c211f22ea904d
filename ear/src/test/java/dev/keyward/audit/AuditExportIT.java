package dev.keyward.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.API;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over HTTP: a tenant's chain exported as JSON Lines and CSV, verified by the server and by {@code bin/keyward
 * audit-verify} with nothing but the file, which also catches a file edited after its export.
 */
class AuditExportIT {

    private static final String LAUNCHER = System.getProperty("keyward.it.launcher", "../bin/keyward");

    @Test
    void theExportCarriesTheWholeChainAndVerifiesOnTheServerAndFromTheFileAlone(@TempDir Path dir) throws Exception {
        String store = tenant("elastic-path", "alice", "admin", "bob", "member");
        String id = credential(store, "bob", body("name", "bob's, \"quoted\" =laptop")).id();
        assertEquals(204, Http.delete(tenantPath(store, "credentials", id), "bob").status());

        Answer verified = Http.get(tenantPath(store, "audit-events/verify"), "bob");
        assertEquals(200, verified.status(), verified.toString());
        JsonNode v = verified.json();
        assertTrue(v.get("intact").asBoolean(), v.toString());
        assertTrue(v.get("firstBreak") == null || v.get("firstBreak").isNull(), v.toString());
        long events = v.get("events").asLong();
        assertTrue(events >= 4, "founding, credential created, revoked: " + v);

        Answer jsonl = Http.get(tenantPath(store, "audit-events/export"), "bob");
        assertEquals(200, jsonl.status(), jsonl.toString());
        assertTrue(jsonl.header("Content-Type").startsWith("application/jsonl"), jsonl.header("Content-Type"));
        assertTrue(jsonl.header("Content-Disposition").contains("keyward-audit-" + store + ".jsonl"));
        List<String> lines = jsonl.body().lines().toList();
        assertEquals(events, lines.size());
        JsonNode first = Http.JSON.readTree(lines.get(0));
        assertEquals(1, first.get("seq").asLong());
        assertEquals("0".repeat(64), first.get("previousHash").asText());
        JsonNode last = Http.JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("credential.revoked", last.get("type").asText());
        assertEquals(v.get("lastHash").asText(), last.get("hash").asText(), "the export ends where the verification did");
        assertTrue(last.has("sourceIp") && last.has("detail"), "absent values are written, as null: " + last);

        // the list shows each event's link too, newest first
        JsonNode newest = Http.get(tenantPath(store, "audit-events?limit=1"), "bob").json().get("events").get(0);
        assertEquals(last.get("hash").asText(), newest.get("chain").get("hash").asText());
        assertEquals(events, newest.get("chain").get("seq").asLong());

        Answer csv = Http.get(tenantPath(store, "audit-events/export?format=csv"), "bob");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertTrue(csv.body().startsWith("seq,id,chain,occurredAt,type,"), csv.body());
        assertTrue(csv.body().contains("\"'=laptop") || csv.body().contains("\"bob's, \"\"quoted\"\" =laptop\""),
                "quotes and commas survive: " + csv.body());

        Path jsonFile = dir.resolve("audit.jsonl");
        Path csvFile = dir.resolve("audit.csv");
        Files.writeString(jsonFile, jsonl.body());
        Files.writeString(csvFile, csv.body());
        for (Path file : List.of(jsonFile, csvFile)) {
            Verdict ok = auditVerify(file);
            assertEquals(0, ok.exit(), ok.output());
            assertTrue(ok.output().startsWith("INTACT: " + events + " events"), ok.output());
            assertTrue(ok.output().contains(v.get("lastHash").asText()), ok.output());
        }

        Files.writeString(jsonFile, jsonl.body().replaceFirst("\"actorUsername\":\"bob\"", "\"actorUsername\":\"alice\""));
        Verdict edited = auditVerify(jsonFile);
        assertEquals(1, edited.exit(), edited.output());
        assertTrue(edited.output().startsWith("BROKEN at place ") && edited.output().contains("altered"), edited.output());

        List<String> rows = new java.util.ArrayList<>(csv.body().lines().toList());
        rows.remove(2); // the event at place 2: the one at place 3 now follows nothing in the file
        Files.writeString(csvFile, String.join("\r\n", rows) + "\r\n");
        Verdict cut = auditVerify(csvFile);
        assertEquals(1, cut.exit(), cut.output());
        assertTrue(cut.output().startsWith("BROKEN at place 3") && cut.output().contains("removed"), cut.output());

        Files.writeString(csvFile, "a,b\r\n1,2\r\n");
        assertEquals(2, auditVerify(csvFile).exit(), "not an export");
    }

    @Test
    void onlyTheTenantsMembersExportItsChainAndOnlyOperatorsThePlatforms() {
        String store = tenant("elastic-path", "alice", "admin");
        assertProblem(Http.get(tenantPath(store, "audit-events/export"), "bob"), 404, "unknown-tenant");
        assertProblem(Http.get(tenantPath(store, "audit-events/verify"), "bob"), 404, "unknown-tenant");
        assertProblem(Http.get(tenantPath(store, "audit-events/export?format=xml"), "alice"), 400, "unknown-format");

        assertProblem(Http.get(API + "/audit-events/export", "alice"), 403, "policy-refused");
        Answer platform = Http.get(API + "/audit-events/verify", "olivia");
        assertEquals(200, platform.status(), platform.toString());
        assertTrue(platform.json().get("intact").asBoolean(), platform.toString());
        assertEquals("platform", platform.json().get("chain").asText());
        Answer export = Http.get(API + "/audit-events/export", "olivia");
        assertEquals(200, export.status());
        assertFalse(export.body().contains(store), "the platform's chain holds no tenant's events");
    }

    record Verdict(int exit, String output) {
    }

    private static Verdict auditVerify(Path file) throws Exception {
        Process p = new ProcessBuilder(LAUNCHER, "audit-verify", file.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "audit-verify ends");
        return new Verdict(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
