package dev.keyward.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Dpop;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Dpop.publicJwk;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials without a shared secret (RFC 7523's {@code private_key_jwt}): a credential registered with a public key
 * gets no secret; its holder signs a short assertion with the private key for every request to the token, introspection
 * and revocation endpoints. Assertions are made here with jose4j, as any client library would make them, and every way
 * one can be wrong is sent and refused.
 */
class PrivateKeyJwtIT {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static String issuer;
    /** A store of each test's own (alice admin, bob member): the policy gives each person one active credential. */
    String store;

    @BeforeAll
    static void issuer() {
        issuer = Http.get("/.well-known/oauth-authorization-server", null).json().get("issuer").asText();
    }

    @BeforeEach
    void store() {
        store = tenant("elastic-path", "alice", "admin", "bob", "member");
    }

    static PublicJsonWebKey ec() {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("ec-" + UUID.randomUUID());
            return key;
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    /** The public half as a JWK set's member, as a person registers it. */
    record KeyCredential(String id, String clientId, JsonNode body) {
    }

    KeyCredential register(String user, PublicJsonWebKey... keys) {
        List<Map<String, Object>> jwks = java.util.Arrays.stream(keys).map(Dpop::publicJwk).toList();
        Answer created = Http.post(tenantPath(store, "credentials"), user, body("name", "signed " + UUID.randomUUID(), "jwks", body("keys", jwks)));
        assertEquals(201, created.status(), created.toString());
        JsonNode c = created.json();
        return new KeyCredential(c.get("id").asText(), c.get("clientId").asText(), c);
    }

    /** An assertion as RFC 7523 §3 wants it, which {@code change} may spoil; signed with {@code key} by {@code alg}. */
    static String assertion(String clientId, PublicJsonWebKey key, String alg, Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(issuer + "/oauth/access_token");
        claims.setExpirationTimeMinutesInTheFuture(1);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(alg);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static String assertion(String clientId, PublicJsonWebKey key) {
        return assertion(clientId, key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, c -> { });
    }

    static Answer token(String assertion) {
        return Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER, "client_assertion", assertion));
    }

    @Test
    void aCredentialWithAPublicKeyHasNoSecretAndGetsTokensForSignedAssertions() {
        PublicJsonWebKey key = ec();
        KeyCredential c = register("alice", key);
        assertFalse(c.body().has("clientSecret"), "no secret is made: " + c.body());
        assertEquals("private_key_jwt", c.body().get("authentication").asText());
        assertEquals(List.of(key.getKeyId()), Http.JSON.convertValue(c.body().get("publicKeyIds"), List.class));
        assertNull(c.body().get("secretHint"), "no secret, no hint");

        Answer issued = token(assertion(c.clientId(), key));
        assertEquals(200, issued.status(), issued.toString());
        String accessToken = issued.json().get("access_token").asText();
        Answer products = Http.send("GET", "/v2/products", Map.of("Authorization", "Bearer " + accessToken), null);
        assertEquals(200, products.status(), "the token opens the store API: " + products);

        // the other audiences RFC 7523 allows: the issuer itself; and client_id in the form beside the assertion
        assertEquals(200, token(assertion(c.clientId(), key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                claims -> claims.setAudience(issuer))).status());
        Answer withId = Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", c.clientId(),
                "client_assertion_type", JWT_BEARER, "client_assertion", assertion(c.clientId(), key)));
        assertEquals(200, withId.status(), withId.toString());

        // introspection and revocation take assertions too, each its own
        Answer introspected = Http.oauth("introspect", Map.of("token", accessToken, "client_assertion_type", JWT_BEARER,
                "client_assertion", assertion(c.clientId(), key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        claims -> claims.setAudience(issuer + "/oauth/introspect"))));
        assertEquals(200, introspected.status(), introspected.toString());
        assertTrue(introspected.json().get("active").asBoolean(), introspected.toString());
        Answer revoked = Http.oauth("revoke", Map.of("token", accessToken, "client_assertion_type", JWT_BEARER,
                "client_assertion", assertion(c.clientId(), key)));
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals(401, Http.send("GET", "/v2/products", Map.of("Authorization", "Bearer " + accessToken), null).status(),
                "revoked by its own assertion");

        assertTrue(Http.get(tenantPath(store, "audit-events?type=credential.created"), "alice").json().get("events").toString()
                .contains("private_key_jwt"), "the creation is audited as a key credential");
    }

    @Test
    void rsaAndEd25519KeysSignToo() throws JoseException {
        PublicJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-" + UUID.randomUUID());
        KeyCredential byRsa = register("alice", rsa);
        assertEquals(200, token(assertion(byRsa.clientId(), rsa, AlgorithmIdentifiers.RSA_USING_SHA256, c -> { })).status(), "RS256");
        assertEquals(200, token(assertion(byRsa.clientId(), rsa, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, c -> { })).status(), "PS256");

        PublicJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        KeyCredential byEd = register("bob", ed);
        String kid = byEd.body().get("publicKeyIds").get(0).asText();
        assertEquals(ed.calculateBase64urlEncodedThumbprint("SHA-256"), kid, "a key without a kid is named by its RFC 7638 thumbprint");
        ed.setKeyId(kid);
        assertEquals(200, token(assertion(byEd.clientId(), ed, AlgorithmIdentifiers.EDDSA, c -> { })).status(), "EdDSA");
    }

    @Test
    void everyWrongAssertionIsInvalidClient() {
        PublicJsonWebKey key = ec();
        KeyCredential c = register("alice", key);
        String id = c.clientId();
        String es256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        Map<String, String> wrong = new java.util.LinkedHashMap<>();
        wrong.put("another audience", assertion(id, key, es256, claims -> claims.setAudience("https://elsewhere.example")));
        wrong.put("expired", assertion(id, key, es256, claims -> claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120))));
        wrong.put("an hour long", assertion(id, key, es256, claims -> claims.setExpirationTimeMinutesInTheFuture(60)));
        wrong.put("no expiry", assertion(id, key, es256, claims -> claims.unsetClaim("exp")));
        wrong.put("no jti", assertion(id, key, es256, claims -> claims.unsetClaim("jti")));
        wrong.put("issuer not the client", assertion(id, key, es256, claims -> claims.setIssuer("someone-else")));
        wrong.put("subject not the client", assertion(id, key, es256, claims -> claims.setSubject("someone-else")));
        wrong.put("another key", assertion(id, ec(), es256, claims -> { }));
        wrong.put("not a JWT", "not.a.jwt");
        for (Map.Entry<String, String> w : wrong.entrySet()) {
            Answer refused = Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", id,
                    "client_assertion_type", JWT_BEARER, "client_assertion", w.getValue()));
            assertOAuth(refused, 401, "invalid_client");
            assertFalse(refused.body().contains(w.getValue()), "the assertion is not echoed");
        }
        assertEquals(200, token(assertion(id, key)).status(), "nine failures on its ID never lock the key's holder out");

    }

    /** On a credential of its own: a client ID's failures are throttled after ten (429), as for secrets. */
    @Test
    void noAlgorithmButTheKeysAReplayedAssertionAndNoSecretOpenAKeyCredential() {
        PublicJsonWebKey key = ec();
        String id = register("alice", key).clientId();

        // HS256 keyed with the public key's bytes, and alg none: never accepted
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload("{\"iss\":\"" + id + "\",\"sub\":\"" + id + "\",\"aud\":\"" + issuer + "\",\"exp\":" + (NumericDate.now().getValue() + 60)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKey(new HmacKey(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        hmac.setDoKeyValidation(false);
        try {
            assertOAuth(token(hmac.getCompactSerialization()), 401, "invalid_client");
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + hmac.getEncodedPayload() + ".";
        assertOAuth(token(unsigned), 401, "invalid_client");

        // used once, refused the second time
        String once = assertion(id, key);
        assertEquals(200, token(once).status());
        Answer replayed = token(once);
        assertOAuth(replayed, 401, "invalid_client");
        assertTrue(replayed.json().get("error_description").asText().contains("used before"), replayed.toString());

        // a secret is no way into a key credential, and two methods at once are one too many
        assertOAuth(Http.clientCredentials(id, "kws_anything"), 401, "invalid_client");
        assertOAuth(Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", assertion(id, key)), id, "kws_anything"), 400, "invalid_request");
        assertOAuth(Http.tokenRequest(Map.of("grant_type", "client_credentials", "client_assertion_type", "urn:something-else",
                "client_assertion", assertion(id, key))), 400, "invalid_request");
    }

    @Test
    void keysRollOverAndASecretCredentialTakesNoAssertion() {
        PublicJsonWebKey old = ec();
        PublicJsonWebKey next = ec();
        KeyCredential c = register("alice", old);
        String keys = tenantPath(store, "credentials", c.id(), "public-keys");

        Answer both = Http.put(keys, "alice", body("jwks", body("keys", List.of(publicJwk(old), publicJwk(next)))));
        assertEquals(200, both.status(), both.toString());
        assertEquals(200, token(assertion(c.clientId(), old)).status(), "the old key during the roll-over");
        assertEquals(200, token(assertion(c.clientId(), next)).status(), "the new key during the roll-over");
        Answer onlyNext = Http.put(keys, "alice", body("jwks", body("keys", List.of(publicJwk(next)))));
        assertEquals(200, onlyNext.status(), onlyNext.toString());
        assertOAuth(token(assertion(c.clientId(), old)), 401, "invalid_client");
        assertEquals(200, token(assertion(c.clientId(), next)).status());
        JsonNode rotations = Http.get(tenantPath(store, "audit-events?type=credential.rotated"), "alice").json().get("events");
        long mine = java.util.stream.StreamSupport.stream(rotations.spliterator(), false)
                .filter(e -> e.get("target").get("id").asText().equals(c.id())).count();
        assertEquals(2, mine, "each replacement is audited: " + rotations);
        assertTrue(rotations.toString().contains(next.getKeyId()), "with its key IDs");

        // a key credential has no secret to rotate; a secret credential has no keys to replace
        assertProblem(Http.post(tenantPath(store, "credentials", c.id(), "rotate"), "alice", body("graceSeconds", 0)), 409, "public-key-credential");
        Answer secretOne = Http.post(tenantPath(store, "credentials"), "bob", body("name", "bob's secret"));
        assertEquals(201, secretOne.status(), secretOne.toString());
        String secretId = secretOne.json().get("id").asText();
        String secretClient = secretOne.json().get("clientId").asText();
        assertEquals("client_secret", secretOne.json().get("authentication").asText());
        assertProblem(Http.put(tenantPath(store, "credentials", secretId, "public-keys"), "bob",
                body("jwks", body("keys", List.of(publicJwk(next))))), 409, "secret-credential");
        assertOAuth(token(assertion(secretClient, next)), 401, "invalid_client");
    }

    @Test
    void onlyPublicKeysOfTheKindsKeywardVerifiesAreRegistered() throws JoseException {
        PublicJsonWebKey ec = ec();
        Map<String, Object> withPrivate = new HashMap<>(ec.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        Answer privateKey = Http.post(tenantPath(store, "credentials"), "alice", body("name", "leaky", "jwks", body("keys", List.of(withPrivate))));
        assertProblem(privateKey, 400, "invalid-body");
        assertTrue(privateKey.body().contains("jwks.keys[0].d"), "the private member is named: " + privateKey);
        assertFalse(privateKey.body().contains((String) withPrivate.get("d")), "and not echoed");

        PublicJsonWebKey small = RsaJwkGenerator.generateJwk(1024);
        PublicJsonWebKey p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        Map<String, Object> hmac = body("kty", "oct", "k", "c2VjcmV0");
        Map<String, Object> wrongAlg = publicJwk(ec());
        wrongAlg.put("alg", "RS256");
        Map<String, Object> encryption = publicJwk(ec());
        encryption.put("use", "enc");
        for (Object keys : List.<Object>of(List.of(publicJwk(small)), List.of(publicJwk(p384)), List.of(wrongAlg), List.of(encryption),
                List.of(publicJwk(ec()), publicJwk(ec()), publicJwk(ec())), List.of(), List.of(body("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA")))) {
            assertProblem(Http.post(tenantPath(store, "credentials"), "alice", body("name", "refused", "jwks", body("keys", keys))), 400, "invalid-jwks");
        }
        assertProblem(Http.post(tenantPath(store, "credentials"), "alice", body("name", "refused", "jwks", body("keys", List.of(hmac)))), 400, "invalid-body");
        Map<String, Object> twice = publicJwk(ec);
        assertProblem(Http.post(tenantPath(store, "credentials"), "alice", body("name", "refused", "jwks", body("keys", List.of(twice, twice)))),
                400, "invalid-jwks");
        // an EUID key takes public keys to bind its API key by DPoP (EuidDpopIT), checked alike
        String euid = tenant("euid", "alice", "admin");
        assertProblem(Http.post(tenantPath(euid, "credentials"), "alice", body("name", "refused", "environment", "integration",
                "permissions", List.of("mapper"), "jwks", body("keys", List.of(twice, twice)))), 400, "invalid-jwks");
    }

    @Test
    void aSensediaSuperAdminHoldsOneActiveCredentialWithKeysToo() {
        String console = tenant("sensedia", "dave", "super-admin");
        Answer first = Http.post(tenantPath(console, "credentials"), "dave", body("name", "dave's key", "jwks", body("keys", List.of(publicJwk(ec())))));
        assertEquals(201, first.status(), first.toString());
        assertProblem(Http.post(tenantPath(console, "credentials"), "dave", body("name", "a second", "jwks", body("keys", List.of(publicJwk(ec()))))),
                409, "one-active-credential");
    }

    @Test
    void theMetadataListsPrivateKeyJwtAndItsAlgorithms() {
        JsonNode m = Http.get("/.well-known/oauth-authorization-server", null).json();
        for (String endpoint : List.of("token", "introspection", "revocation")) {
            assertTrue(m.get(endpoint + "_endpoint_auth_methods_supported").toString().contains("private_key_jwt"), m.toString());
            assertEquals("[\"ES256\",\"RS256\",\"PS256\",\"EdDSA\"]", m.get(endpoint + "_endpoint_auth_signing_alg_values_supported").toString());
        }
    }
}
