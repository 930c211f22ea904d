package dev.keyward.euid;

import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Dpop.proof;
import static dev.keyward.it.Dpop.publicJwk;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Euid;
import dev.keyward.it.Euid.Key;
import dev.keyward.it.Euid.Reply;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPoP (RFC 9449) on the EUID endpoints. An EUID key gets no access token: its API key is the bearer, so it is the API key
 * that a key registered with public keys binds. Such a key's requests need {@code Authorization: DPoP <API key>} and a
 * fresh proof for the very request, signed by one of its keys, before the envelope is even opened; every way to get that
 * wrong is an {@code {"status":"unauthorized"}} with RFC 9449's challenge.
 */
class EuidDpopIT {

    static final String MAP = "/v2/identity/map";
    static final String MAP_URL = Euid.BASE + MAP;
    static final String JANE_HASH = EuidParticipantIT.JANE_HASH;

    String participant;
    PublicJsonWebKey key;

    @BeforeEach
    void participantAndKey() throws JoseException {
        participant = tenant("euid", List.of("integration", "production"), "alice", "admin");
        key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    }

    @Test
    void aBoundKeyOpensTheEndpointsOnlyWithAProofSignedByItsKey() throws JoseException {
        Key bound = Euid.key(participant, "alice", keyBody("bound", key));
        // a key registered without a kid is named by its RFC 7638 thumbprint
        assertEquals(List.of(key.calculateBase64urlEncodedThumbprint("SHA-256")), Http.JSON.convertValue(bound.body().get("publicKeyIds"), List.class),
                bound.body().toString());
        assertEquals(List.of("credential.created"), auditTypes(participant, "alice", "?type=credential.created"));

        Reply ok = map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", MAP_URL, bound.apiKey(), c -> { }));
        assertEquals(200, ok.status(), ok.toString());

        assertRefused(map(bound, "Bearer " + bound.apiKey()), "invalid_token", "a copied API key alone opens nothing");
        assertRefused(map(bound, "DPoP " + bound.apiKey()), "invalid_dpop_proof", "no proof");
        PublicJsonWebKey other = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertRefused(map(bound, "DPoP " + bound.apiKey(), proof(other, "POST", MAP_URL, bound.apiKey(), c -> { })), "invalid_dpop_proof",
                "a proof by a key it is not bound to");
        assertRefused(map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", Euid.BASE + "/v2/token/generate", bound.apiKey(), c -> { })),
                "invalid_dpop_proof", "a proof for another endpoint");
        assertRefused(map(bound, "DPoP " + bound.apiKey(), proof(key, "GET", MAP_URL, bound.apiKey(), c -> { })), "invalid_dpop_proof",
                "a proof for another method");
        assertRefused(map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", MAP_URL, "kwe_i_another", c -> { })), "invalid_dpop_proof",
                "a proof for another API key (ath)");
        assertRefused(map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", MAP_URL, bound.apiKey(), c -> c.setIssuedAt(
                NumericDate.fromSeconds(Instant.now().minusSeconds(600).getEpochSecond())))), "invalid_dpop_proof", "an old proof");
        String once = proof(key, "POST", MAP_URL, bound.apiKey(), c -> { });
        assertEquals(200, map(bound, "DPoP " + bound.apiKey(), once).status());
        assertRefused(map(bound, "DPoP " + bound.apiKey(), once), "invalid_dpop_proof", "a proof used before");

        Reply unknown = map(bound, "DPoP kwe_i_" + "x".repeat(49), proof(key, "POST", MAP_URL, bound.apiKey(), c -> { }));
        assertEquals(401, unknown.status());
        assertEquals("{\"status\":\"unauthorized\"}", unknown.text(), "an unknown API key learns nothing, as at the operator");
        assertTrue(unknown.headers().firstValue("WWW-Authenticate").isEmpty(), unknown.toString());
    }

    @Test
    void aBearerKeyIsNotSentAsDpopAndCanBeBoundLaterAndRolledOver() throws JoseException {
        Key plain = Euid.key(participant, "alice", "plain", "integration", "mapper");
        assertFalse(plain.body().has("publicKeyIds"), plain.body().toString());
        assertEquals(200, map(plain, "Bearer " + plain.apiKey()).status(), "as at the operator");
        assertRefused(map(plain, "DPoP " + plain.apiKey(), proof(key, "POST", MAP_URL, plain.apiKey(), c -> { })), "invalid_token",
                "an unbound key is no DPoP key");

        String keys = tenantPath(participant, "credentials", plain.id(), "public-keys");
        Answer bind = Http.put(keys, "alice", body("jwks", body("keys", List.of(publicJwk(key)))));
        assertEquals(200, bind.status(), bind.toString());
        // by type: the refused DPoP request above is reported as a failure of this key, written whenever the report runs
        assertEquals(List.of("credential.rotated"), auditTypes(participant, "alice", "?type=credential.rotated"));
        assertRefused(map(plain, "Bearer " + plain.apiKey()), "invalid_token", "bound from now on");
        assertEquals(200, map(plain, "DPoP " + plain.apiKey(), proof(key, "POST", MAP_URL, plain.apiKey(), c -> { })).status());

        PublicJsonWebKey next = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertEquals(200, Http.put(keys, "alice", body("jwks", body("keys", List.of(publicJwk(key), publicJwk(next))))).status());
        assertEquals(200, map(plain, "DPoP " + plain.apiKey(), proof(key, "POST", MAP_URL, plain.apiKey(), c -> { })).status(), "the old key");
        assertEquals(200, map(plain, "DPoP " + plain.apiKey(), proof(next, "POST", MAP_URL, plain.apiKey(), c -> { })).status(), "and the new");
        assertEquals(200, Http.put(keys, "alice", body("jwks", body("keys", List.of(publicJwk(next))))).status());
        assertRefused(map(plain, "DPoP " + plain.apiKey(), proof(key, "POST", MAP_URL, plain.apiKey(), c -> { })), "invalid_dpop_proof",
                "the old key, no longer registered");

        // rotating the client secret leaves the binding as it is
        Answer rotated = Http.post(tenantPath(participant, "credentials", plain.id(), "rotate"), "alice", body("graceSeconds", 0));
        assertEquals(200, rotated.status(), rotated.toString());
        Key fresh = new Key(plain.id(), plain.keyId(), plain.apiKey(), rotated.json().get("clientSecret").asText(), rotated.json());
        assertEquals(200, map(fresh, "DPoP " + fresh.apiKey(), proof(next, "POST", MAP_URL, fresh.apiKey(), c -> { })).status());
        assertRefused(map(fresh, "Bearer " + fresh.apiKey()), "invalid_token", "still bound");
    }

    @Test
    void aParticipantThatRequiresDpopGetsNoUnboundKeyAndAsksForNoncesIfItWants() throws JoseException {
        Key before = Euid.key(participant, "alice", "made before", "integration", "mapper");
        Answer set = Http.put(tenantPath(participant, "dpop"), "alice", body("required", true, "nonce", true));
        assertEquals(200, set.status(), set.toString());
        assertEquals(List.of("tenant.dpop-changed"), auditTypes(participant, "alice", "?type=tenant.dpop-changed"));

        assertProblem(Http.post(tenantPath(participant, "credentials"), "alice",
                body("name", "unbound", "environment", "integration", "permissions", List.of("mapper"))), 400, "dpop-required");
        assertRefused(map(before, "Bearer " + before.apiKey()), "invalid_token", "a key made before the rule no longer opens alone");

        Key bound = Euid.key(participant, "alice", keyBody("bound", key));
        Reply first = map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", MAP_URL, bound.apiKey(), c -> { }));
        assertRefused(first, "use_dpop_nonce", "a proof without the server's nonce");
        String nonce = first.headers().firstValue("DPoP-Nonce").orElse(null);
        assertNotNull(nonce, first.toString());
        Reply second = map(bound, "DPoP " + bound.apiKey(), proof(key, "POST", MAP_URL, bound.apiKey(), c -> c.setStringClaim("nonce", nonce)));
        assertEquals(200, second.status(), second.toString());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    static Map<String, Object> keyBody(String name, PublicJsonWebKey key) {
        return body("name", name, "environment", "integration", "permissions", List.of("mapper"),
                "jwks", body("keys", List.of(publicJwk(key))));
    }

    /** An identity map request sealed with the key's client secret, with this Authorization and these DPoP proofs; a 200 is opened. */
    static Reply map(Key key, String authorization, String... proofs) {
        Euid.Envelope envelope = Euid.envelope(key.secret(), Instant.now(), "{\"email_hash\":[\"" + JANE_HASH + "\"]}");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Content-Type", Euid.SDK_CONTENT_TYPE);
        for (String p : proofs) {
            headers.merge("DPoP", p, (a, b) -> a + "," + b);
        }
        Reply r = Euid.send(MAP, headers, envelope.base64().getBytes(StandardCharsets.US_ASCII));
        if (r.status() == 200) {
            JsonNode opened = Euid.open(key.secret(), r, envelope.nonce());
            assertEquals(1, opened.get("body").get("mapped").size(), opened.toString());
        }
        return r;
    }

    static void assertRefused(Reply r, String error, String why) {
        assertEquals(401, r.status(), why + ": " + r);
        JsonNode body = r.json();
        assertEquals("unauthorized", body.get("status").asText(), why + ": " + r);
        assertTrue(body.has("message"), "a known key learns why: " + r);
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("DPoP ") && challenge.contains("error=\"" + error + "\""), why + ": " + challenge);
        assertTrue(challenge.contains("algs=\""), challenge);
    }
}
