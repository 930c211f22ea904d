package dev.keyward.euid;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.IdentityMapClient;
import com.uid2.client.IdentityMapInput;
import com.uid2.client.IdentityMapResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import com.uid2.client.TokenRefreshResponse;
import dev.keyward.it.Euid;
import dev.keyward.it.Euid.Envelope;
import dev.keyward.it.Euid.Key;
import dev.keyward.it.Euid.Reply;
import dev.keyward.it.Eventually;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.SeenSecrets;
import dev.keyward.it.TenantFixtures.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002 over HTTP: a participant's EUID keys, and the operator's endpoints as the participants' own SDK (unmodified)
 * calls them, then every refusal with a hand-made envelope.
 */
class EuidParticipantIT {

    static final String JANE = "Jane.Saoirse+EUID@gmail.com";
    static final String JANE_HASH = "ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8="; // janesaoirse@gmail.com
    static final String OTHER_HASH = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ="; // user@example.com

    // ---- keys --------------------------------------------------------------------------------------------

    @Test
    void aKeyIsAnApiKeyAndAClientSecretShownOnceWithTheOperatorsRoles() {
        String participant = tenant("euid", List.of("integration", "production"), "alice", "admin", "bob", "member");
        Key key = Euid.key(participant, "alice", "identity map", "integration", "mapper", "generator");
        int site = Http.get("/api/v1/tenants/" + participant, "alice").json().get("euidSiteId").asInt();
        assertTrue(key.keyId().matches("EUID-C-I-" + site + "-[0-9A-Za-z]{5}"), key.keyId());
        assertTrue(key.apiKey().matches("kwe_i_[0-9A-Za-z]{49}"), "our prefix, the environment, 256 bits and a checksum");
        assertEquals(32, key.secret().length, "the client secret is an AES-256 key");
        assertEquals("[\"generator\",\"mapper\"]", key.body().get("permissions").toString());
        assertTrue(key.body().get("clientId") == null, "an EUID key has a key ID, not a client ID");
        Key production = Euid.key(participant, "alice", "prod", "production", "generator");
        assertTrue(production.keyId().startsWith("EUID-C-P-" + site + "-") && production.apiKey().startsWith("kwe_p_"));

        Answer list = Http.get(tenantPath(participant, "credentials"), "alice");
        assertEquals(2, list.json().size());
        assertFalse(list.body().contains(key.apiKey()) || list.body().contains(key.clientSecret()), "never shown again");
        JsonNode shown = Http.get(tenantPath(participant, "credentials", key.id()), "alice").json();
        assertEquals(key.keyId(), shown.get("keyId").asText());
        assertEquals("euid-key", shown.get("kind").asText());
        assertTrue(shown.get("secretHint").asText().startsWith("kwe_i_…"), shown.toString());

        String base = tenantPath(participant, "credentials");
        assertProblem(Http.post(base, "alice", body("name", "x", "environment", "production", "permissions", List.of("products:read"))),
                "unknown-permission");
        assertProblem(Http.post(base, "alice", body("name", "x", "environment", "production", "permissions", List.of())), "permissions-required");
        assertProblem(Http.post(base, "alice", body("name", "x", "permissions", List.of("mapper"))), "environment-required");
        assertEquals(403, Http.post(base, "bob", body("name", "x", "environment", "production", "permissions", List.of("mapper"))).status());

        JsonNode policy = Http.get("/api/v1/tenants/" + participant, "alice").json().get("policy");
        assertEquals("[\"generator\",\"mapper\",\"id-reader\",\"sharer\",\"optout\"]", policy.get("permissionCatalogue").toString());
        assertTrue(policy.get("permissionsOpen").get("mapper").asText().contains("/v2/identity/map"));

        Answer oauth = Http.clientCredentials(key.keyId(), key.apiKey());
        assertEquals(401, oauth.status(), "EUID has no access tokens: " + oauth);
        JsonNode created = Http.get(tenantPath(participant, "audit-events?type=credential.created"), "alice").json().get("events");
        assertEquals(2, created.size());
        assertFalse(created.toString().contains(key.apiKey()) || created.toString().contains(key.clientSecret()), "no secret in the trail");
    }

    // ---- the official SDK --------------------------------------------------------------------------------

    @Test
    void theOfficialSdkMapsIdentitiesGeneratesAndRefreshesTokens() {
        String participant = tenant("euid", List.of("integration", "production"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "sdk", "integration", "mapper", "generator");

        IdentityMapResponse v2 = new IdentityMapClient(Euid.BASE, key.apiKey(), key.clientSecret())
                .generateIdentityMap(IdentityMapInput.fromEmails(List.of(JANE, "jane.saoirse@gmail.com", "user@example.com")));
        assertEquals(3, v2.getMappedIdentities().size());
        String janesId = v2.getMappedIdentities().get(JANE).getRawUid();
        assertEquals(44, janesId.length(), "base64 of 32 bytes");
        assertEquals(janesId, v2.getMappedIdentities().get("jane.saoirse@gmail.com").getRawUid(), "EUID's gmail normalisation");
        assertNotEquals(janesId, v2.getMappedIdentities().get("user@example.com").getRawUid());
        assertTrue(v2.getMappedIdentities().get(JANE).getBucketId().startsWith("b"));

        IdentityMapResponse hashed = new IdentityMapClient(Euid.BASE, key.apiKey(), key.clientSecret())
                .generateIdentityMap(IdentityMapInput.fromHashedEmails(List.of(JANE_HASH, "this is not a hashed email")));
        assertEquals(janesId, hashed.getMappedIdentities().get(JANE_HASH).getRawUid(), "the hash maps as the address does");
        assertEquals("invalid identifier", hashed.getUnmappedIdentities().get("this is not a hashed email").getReason());

        IdentityMapV3Response v3 = new IdentityMapV3Client(Euid.BASE, key.apiKey(), key.clientSecret())
                .generateIdentityMap(IdentityMapV3Input.fromEmails(List.of(JANE)).withPhone("+12345678901"));
        IdentityMapV3Response.MappedIdentity jane = v3.getMappedIdentities().get(JANE);
        assertEquals(janesId, jane.getCurrentRawUid(), "v2 and v3 agree");
        assertTrue(jane.getRefreshFrom().isAfter(Instant.now()));
        assertNotNull(v3.getMappedIdentities().get("+12345678901"));

        PublisherUid2Client publisher = new PublisherUid2Client(Euid.BASE, key.apiKey(), key.clientSecret());
        TokenGenerateResponse generated = publisher.generateTokenResponse(TokenGenerateInput.fromEmail(JANE));
        assertTrue(generated.isSuccess());
        IdentityTokens identity = generated.getIdentity();
        assertNotNull(identity.getAdvertisingToken());
        assertTrue(identity.isRefreshable());
        TokenRefreshResponse refreshed = publisher.refreshToken(identity);
        assertTrue(refreshed.isSuccess());
        assertNotEquals(identity.getAdvertisingToken(), refreshed.getIdentity().getAdvertisingToken());

        JsonNode valid = Euid.call("/v2/token/validate", key, "{\"token\":\"" + refreshed.getIdentity().getAdvertisingToken()
                + "\",\"email_hash\":\"" + JANE_HASH + "\"}");
        assertEquals("success", valid.get("status").asText());
        assertTrue(valid.get("body").asBoolean(), "the token is Jane's");
        assertFalse(Euid.call("/v2/token/validate", key, "{\"token\":\"" + identity.getAdvertisingToken()
                + "\",\"email_hash\":\"" + OTHER_HASH + "\"}").get("body").asBoolean(), "and nobody else's");

        JsonNode buckets = Euid.call("/v2/identity/buckets", key, "{\"since_timestamp\":\"2026-01-01T00:00:00\"}").get("body");
        assertTrue(buckets.size() > 0);
        assertTrue(buckets.get(0).get("last_updated").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"), buckets.get(0).toString());
        assertEquals(0, Euid.call("/v2/identity/buckets", key, "{\"since_timestamp\":\"2999-01-01T00:00:00\"}").get("body").size());

        Eventually.eventually(Duration.ofSeconds(20), () -> Http.get(tenantPath(participant, "credentials", key.id()), "alice").json(),
                shown -> shown.path("lastUsedAt").isTextual(), "last used is written");
    }

    @Test
    void integrationAndProductionNeverShareSaltsTokensOrKeys() {
        String participant = tenant("euid", List.of("integration", "production"), "alice", "admin");
        Key integration = Euid.key(participant, "alice", "test", "integration", "mapper", "generator");
        Key production = Euid.key(participant, "alice", "live", "production", "mapper", "generator");
        String inIntegration = map(integration, JANE_HASH);
        assertNotEquals(inIntegration, map(production, JANE_HASH), "salts are per environment");

        String token = Euid.call("/v2/token/generate", integration, "{\"email_hash\":\"" + JANE_HASH + "\"}").get("body").get("advertising_token").asText();
        Envelope e = Euid.envelope(production.secret(), Instant.now(), "{\"token\":\"" + token + "\",\"email_hash\":\"" + JANE_HASH + "\"}");
        Reply crossed = Euid.post("/v2/token/validate", production.apiKey(), e.base64());
        assertClientError(crossed, "Invalid token");

        Envelope sealedForIntegration = Euid.envelope(integration.secret(), Instant.now(), "{\"email_hash\":[\"" + JANE_HASH + "\"]}");
        assertClientError(Euid.post("/v2/identity/map", production.apiKey(), sealedForIntegration.base64()), "cannot be decrypted");
        String other = tenant("euid", List.of("integration"), "dave", "admin");
        Key othersKey = Euid.key(other, "dave", "theirs", "integration", "mapper", "generator");
        assertEquals(inIntegration, map(othersKey, JANE_HASH), "every participant maps a person to the same ID in one environment");
        Envelope foreign = Euid.envelope(othersKey.secret(), Instant.now(), "{\"token\":\"" + token + "\",\"email_hash\":\"" + JANE_HASH + "\"}");
        assertClientError(Euid.post("/v2/token/validate", othersKey.apiKey(), foreign.base64()), "Invalid token");
        // a participant cannot test whose token, taken from the bid stream, is whose: it validates only its own
    }

    // ---- every refusal -------------------------------------------------------------------------------------

    @Test
    void refusalsInTheOperatorsWordsAndOrder() {
        String participant = tenant("euid", List.of("integration", "production"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "mapper", "integration", "mapper");
        Key generatorOnly = Euid.key(participant, "alice", "generator", "integration", "generator");
        String map = "{\"email_hash\":[\"" + JANE_HASH + "\"]}";
        Instant now = Instant.now();

        assertUnauthorized(Euid.post("/v2/identity/map", null, Euid.envelope(key.secret(), now, map).base64()), "no API key");
        assertUnauthorized(Euid.post("/v2/identity/map", "kwe_i_" + "A".repeat(49), Euid.envelope(key.secret(), now, map).base64()), "unknown");
        assertUnauthorized(Euid.post("/v2/identity/map", generatorOnly.apiKey(), Euid.envelope(generatorOnly.secret(), now, map).base64()),
                "a generator key cannot map");
        assertUnauthorized(Euid.post("/v2/identity/map", key.keyId(), Euid.envelope(key.secret(), now, map).base64()), "the key ID is no API key");

        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), ""), "empty");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), map), "not base64");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Base64.getEncoder().encodeToString(new byte[44])), "too short");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now, map, 2).base64()), "version 2");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(generatorOnly.secret(), now, map).base64()), "cannot be decrypted");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now.minusSeconds(120), map).base64()), "older");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now.plusSeconds(120), map).base64()), "later");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now, "{\"email_hash\":[").base64()), "not valid JSON");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now, "{\"emails\":[]}").base64()), "'emails'");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now, "{\"email_hash\":\"x\"}").base64()),
                "list of strings");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now,
                "{\"policy\":1e9999999999,\"email_hash\":[]}").base64()), "JSON");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now,
                "{\"email_hash\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}").base64()), "");
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), now,
                "{\"email_hash\":[null,5,\"" + JANE_HASH + "\"]}").base64()), "list of strings");
        for (String odd : List.of("AA", "", "%%%", "UkkAAAAA", "x".repeat(5_000))) {
            Reply refused = Euid.post("/v2/token/refresh", null, odd);
            assertEquals(400, refused.status(), "refresh with '" + odd.substring(0, Math.min(10, odd.length())) + "': " + refused);
            assertEquals("client_error", refused.json().get("status").asText());
        }

        Envelope once = Euid.envelope(key.secret(), Instant.now(), map);
        Reply first = Euid.post("/v2/identity/map", key.apiKey(), once.base64());
        assertEquals(200, first.status(), first.toString());
        assertEquals("text/plain", first.contentType().replaceAll(";.*", ""));
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), once.base64()), "Replayed request");

        Envelope binary = Euid.envelope(key.secret(), Instant.now(), map);
        Reply bytes = Euid.send("/v3/identity/map", key.apiKey(), "application/octet-stream", binary.bytes());
        assertEquals(200, bytes.status(), bytes.toString());
        assertEquals("application/octet-stream", bytes.contentType());
        assertEquals("success", Euid.open(key.secret(), bytes, binary.nonce()).get("status").asText());

        String credential = tenantPath(participant, "credentials", key.id());
        assertEquals(200, Http.post(credential + "/disable", "alice", Map.of()).status());
        assertUnauthorized(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64()), "disabled");
        assertEquals(200, Http.post(credential + "/enable", "alice", Map.of()).status());
        assertEquals(200, Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64()).status());
        assertEquals(204, Http.delete(credential, "alice").status());
        assertUnauthorized(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64()), "revoked");
    }

    @Test
    void aRotatedClientSecretWorksBesideTheOldOneDuringItsGraceOnly() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "rotating", "integration", "mapper");
        String map = "{\"email_hash\":[\"" + JANE_HASH + "\"]}";
        String rotate = tenantPath(participant, "credentials", key.id()) + "/rotate";

        Answer rotated = Http.post(rotate, "alice", Map.of("graceSeconds", 300));
        assertEquals(200, rotated.status(), rotated.toString());
        byte[] fresh = Base64.getDecoder().decode(rotated.json().get("clientSecret").asText());
        SeenSecrets.note(rotated.json().get("clientSecret").asText());
        assertNull(rotated.json().get("apiKey"), "the API key stays as it is");
        assertNotNull(rotated.json().get("previousSecretValidUntil").textValue());

        Envelope withOld = Euid.envelope(key.secret(), Instant.now(), map);
        Reply old = Euid.post("/v2/identity/map", key.apiKey(), withOld.base64());
        assertEquals(200, old.status(), "the old secret during the grace: " + old);
        assertEquals("success", Euid.open(key.secret(), old, withOld.nonce()).get("status").asText(), "answered under the secret that asked");
        Envelope withNew = Euid.envelope(fresh, Instant.now(), map);
        Reply next = Euid.post("/v2/identity/map", key.apiKey(), withNew.base64());
        assertEquals("success", Euid.open(fresh, next, withNew.nonce()).get("status").asText());
        assertFalse(Euid.opens(key.secret(), next));

        Answer again = Http.post(rotate, "alice", Map.of("graceSeconds", 0));
        byte[] third = Base64.getDecoder().decode(again.json().get("clientSecret").asText());
        SeenSecrets.note(again.json().get("clientSecret").asText());
        assertClientError(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(fresh, Instant.now(), map).base64()), "cannot be decrypted");
        assertEquals(200, Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(third, Instant.now(), map).base64()).status());
        JsonNode events = Http.get(tenantPath(participant, "audit-events?type=credential.rotated"), "alice").json().get("events");
        assertEquals(2, events.size());
        assertFalse(events.toString().contains(rotated.json().get("clientSecret").asText()));
    }

    @Test
    void aKeysRolesAreEditedAndItsNextCallCarriesThem() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin", "bob", "member");
        Key key = Euid.key(participant, "alice", "changing", "integration", "mapper");
        String map = "{\"email_hash\":[\"" + JANE_HASH + "\"]}";
        assertEquals(200, Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64()).status());
        String permissions = tenantPath(participant, "credentials", key.id(), "permissions");

        Answer changed = Http.request("PUT", permissions).as("alice").body("application/json", "{\"permissions\":[\"generator\"]}").send();
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("[\"generator\"]", changed.json().get("permissions").toString());
        assertUnauthorized(Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64()), "no longer a mapper");
        assertEquals("success", Euid.call("/v2/token/generate", key, "{\"email_hash\":\"" + JANE_HASH + "\"}").get("status").asText());

        assertProblem(Http.request("PUT", permissions).as("alice").body("application/json", "{\"permissions\":[\"orders:read\"]}").send(),
                "unknown-permission");
        assertProblem(Http.request("PUT", permissions).as("alice").body("application/json", "{\"permissions\":[]}").send(), "permissions-required");
        assertEquals(404, Http.request("PUT", permissions).as("bob").body("application/json", "{\"permissions\":[\"mapper\"]}").send().status(),
                "a member does not see the participant's keys");
        JsonNode events = Http.get(tenantPath(participant, "audit-events?type=credential.permissions-changed"), "alice").json().get("events");
        assertEquals(1, events.size());
        assertTrue(events.get(0).get("detail").asText().contains("mapper → generator"), events.toString());

        String store = tenant("elastic-path", "alice", "admin");
        Issued credential = credential(store, "alice", body("name", "store"));
        assertProblem(Http.request("PUT", tenantPath(store, "credentials", credential.id(), "permissions")).as("alice")
                .body("application/json", "{\"permissions\":[\"products:read\"]}").send(), "permissions-not-chosen");
    }

    @Test
    void whatAKeyGeneratedStopsRefreshingOnceTheKeyNoLongerGenerates() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "publisher", "integration", "generator");
        PublisherUid2Client publisher = new PublisherUid2Client(Euid.BASE, key.apiKey(), key.clientSecret());
        IdentityTokens identity = publisher.generateTokenResponse(TokenGenerateInput.fromEmail(JANE)).getIdentity();
        assertTrue(publisher.refreshToken(identity).isSuccess());

        assertEquals(200, Http.post(tenantPath(participant, "credentials", key.id(), "disable"), "alice", Map.of()).status());
        Reply refused = Euid.post("/v2/token/refresh", null, identity.getRefreshToken());
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.json().get("message").asText().contains("no longer generates"), refused.toString());
        assertEquals(200, Http.post(tenantPath(participant, "credentials", key.id(), "enable"), "alice", Map.of()).status());
        assertTrue(publisher.refreshToken(identity).isSuccess(), "enabled again, its identities refresh again");
    }

    @Test
    void aKeysRateLimitCountsItsCallsAndRefusesPastItInTheOperatorsWords() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "limited", "integration", "mapper");
        Answer limited = Http.request("PUT", tenantPath(participant, "credentials", key.id(), "rate-limit")).as("alice")
                .body("application/json", "{\"perDay\":2}").send();
        assertEquals(200, limited.status(), limited.toString());
        String map = "{\"email_hash\":[\"" + JANE_HASH + "\"]}";
        Reply first = Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64());
        assertEquals(200, first.status(), first.toString());
        Reply second = Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64());
        assertEquals(200, second.status(), second.toString());
        Reply third = Euid.post("/v2/identity/map", key.apiKey(), Euid.envelope(key.secret(), Instant.now(), map).base64());
        assertEquals(429, third.status(), "past the key's own limit: " + third);
        assertEquals("client_error", third.json().get("status").asText());
        assertTrue(third.json().get("message").asText().contains("limit"), third.toString());
        JsonNode events = Http.get(tenantPath(participant, "audit-events?type=credential.rate-limit-changed"), "alice").json().get("events");
        assertEquals(1, events.size());
    }

    @Test
    void theSdkSeesEveryRefusalAsTheOperatorsStatus() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "sdk errors", "integration", "mapper");
        RuntimeException wrongSecret = assertThrows(RuntimeException.class, () -> new IdentityMapClient(Euid.BASE, key.apiKey(),
                Base64.getEncoder().encodeToString(new byte[32])).generateIdentityMap(IdentityMapInput.fromHashedEmails(List.of(JANE_HASH))));
        assertTrue(wrongSecret.getMessage().contains("400"), wrongSecret.getMessage());
        RuntimeException badKey = assertThrows(RuntimeException.class, () -> new IdentityMapClient(Euid.BASE, "kwe_i_" + "B".repeat(49),
                key.clientSecret()).generateIdentityMap(IdentityMapInput.fromHashedEmails(List.of(JANE_HASH))));
        assertTrue(badKey.getMessage().contains("401"), badKey.getMessage());
    }

    @Test
    void operatorsRotateTheMasterKeyWithoutAParticipantNoticing() {
        String participant = tenant("euid", List.of("integration"), "alice", "admin");
        Key key = Euid.key(participant, "alice", "sealed", "integration", "mapper");
        List<String> before = ids(Http.get("/api/v1/master-keys", "olivia").json());
        assertEquals(403, Http.get("/api/v1/master-keys", "alice").status(), "operators only");

        Answer rotated = Http.post("/api/v1/master-keys", "olivia", Map.of());
        assertEquals(201, rotated.status(), rotated.toString());
        String current = rotated.json().get("id").asText();
        assertFalse(before.contains(current));
        String id = map(key, JANE_HASH);
        assertEquals(44, id.length(), "requests go on throughout");

        for (String old : before) {
            Eventually.eventually(Duration.ofSeconds(30), () -> Http.delete("/api/v1/master-keys/" + old, "olivia"),
                    a -> a.status() == 204, "master key " + old + " removable once the re-wrap moved everything off it");
        }
        assertEquals(409, Http.delete("/api/v1/master-keys/" + current, "olivia").status(), "not the current one");
        assertEquals(List.of(current), ids(Http.get("/api/v1/master-keys", "olivia").json()));
        Key after = Euid.key(participant, "alice", "after", "integration", "mapper");
        String credential = tenantPath(participant, "credentials", key.id());
        assertEquals(200, Http.post(credential + "/disable", "alice", Map.of()).status());
        assertEquals(200, Http.post(credential + "/enable", "alice", Map.of()).status(), "the key is read again from the database");
        assertEquals(id, map(key, JANE_HASH), "its re-wrapped client secret opens under the new master key");
        assertEquals(id, map(after, JANE_HASH));
        Answer trail = Http.get("/api/v1/audit-events?type=master-key.removed", "olivia");
        assertEquals(before.size(), trail.json().get("events").size(), trail.toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String map(Key key, String hash) {
        JsonNode body = Euid.call("/v2/identity/map", key, "{\"email_hash\":[\"" + hash + "\"]}").get("body");
        assertEquals(hash, body.get("mapped").get(0).get("identifier").asText());
        return body.get("mapped").get(0).get("advertising_id").asText();
    }

    private static List<String> ids(JsonNode keys) {
        return StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("id").asText()).toList();
    }

    private static void assertUnauthorized(Reply r, String why) {
        assertEquals(401, r.status(), why + ": " + r);
        assertEquals("{\"status\":\"unauthorized\"}", r.text(), why);
    }

    private static void assertClientError(Reply r, String says) {
        assertEquals(400, r.status(), says + ": " + r);
        JsonNode json = r.json();
        assertEquals("client_error", json.get("status").asText(), r.toString());
        assertTrue(json.get("message").asText().contains(says), r.toString());
    }

    private static void assertProblem(Answer a, String type) {
        assertEquals(400, a.status(), a.toString());
        assertTrue(a.json().get("type").asText().endsWith("/" + type), a.toString());
    }
}
