package dev.keyward.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Answers.assertOAuth;
import static dev.keyward.it.Dpop.ath;
import static dev.keyward.it.Dpop.proof;
import static dev.keyward.it.Answers.assertProblem;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.auditTypes;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DPoP (RFC 9449): a token request with a proof gets a token bound to the client's key, which the store API accepts only
 * with a fresh proof for the very request, signed by that key. Proofs are made here with jose4j, as a client library makes
 * them, and each way one can be wrong is sent, at the token endpoint and at the store API.
 */
class DpopIT {

    static final String TOKEN_URL = Http.KEYWARD + "/oauth/access_token";
    static final String PRODUCTS_URL = Http.KEYWARD + "/v2/products";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    String store;
    Issued credential;
    PublicJsonWebKey key;

    @BeforeEach
    void credentialAndKey() throws JoseException {
        store = tenant("elastic-path", "alice", "admin", "bob", "member");
        credential = credential(store, "alice", body("name", "dpop " + UUID.randomUUID()));
        key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    }

    String tokenProof(Consumer<JwtClaims> change) {
        return proof(key, "POST", TOKEN_URL, null, change);
    }

    /** A client_credentials request with the credential's secret and these DPoP headers (none, one or more). */
    Answer tokenRequest(String... proofs) {
        return post("/oauth/access_token", Map.of("grant_type", "client_credentials"), Http.basic(credential.clientId(), credential.secret()), proofs);
    }

    static Answer post(String path, Map<String, String> form, String authorization, String... proofs) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.KEYWARD + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (String p : proofs) {
            b.header("DPoP", p);
        }
        return send(b.build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** GET /v2/products with {@code authorization} and these DPoP headers. */
    static Answer products(String authorization, String... proofs) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(PRODUCTS_URL)).timeout(Duration.ofSeconds(60)).GET()
                .header("Authorization", authorization);
        for (String p : proofs) {
            b.header("DPoP", p);
        }
        return send(b.build());
    }

    String boundToken() {
        Answer issued = tokenRequest(tokenProof(c -> { }));
        assertEquals(200, issued.status(), issued.toString());
        assertEquals("DPoP", issued.json().get("token_type").asText(), "RFC 9449 §5.1: a bound token's type");
        return issued.json().get("access_token").asText();
    }

    static void assertChallenge(Answer a, String error) {
        assertEquals(401, a.status(), a.toString());
        String challenge = a.header("WWW-Authenticate");
        assertNotNull(challenge, a.toString());
        assertTrue(challenge.startsWith("DPoP "), challenge);
        assertTrue(challenge.contains("error=\"" + error + "\""), challenge);
        assertTrue(challenge.contains("algs=\"ES256 RS256 PS256 EdDSA\""), challenge);
        assertTrue(a.json().has("errors"), "the store API's JSON:API errors: " + a);
    }

    @Test
    void aProofAtTheTokenEndpointBindsTheTokenToTheKeyWhichTheStoreApiThenDemands() throws JoseException {
        String token = boundToken();
        Answer ok = products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token, c -> { }));
        assertEquals(200, ok.status(), ok.toString());

        // introspection shows the binding (RFC 9449 §6.2)
        JsonNode seen = Http.oauth("introspect", Map.of("token", token), credential.clientId(), credential.secret()).json();
        assertTrue(seen.get("active").asBoolean(), seen.toString());
        assertEquals("DPoP", seen.get("token_type").asText());
        assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), seen.get("cnf").get("jkt").asText());

        // a copied token without its key does nothing
        assertChallenge(products("Bearer " + token), "invalid_token");
        assertChallenge(products("DPoP " + token), "invalid_dpop_proof");
        PublicJsonWebKey thief = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertChallenge(products("DPoP " + token, proof(thief, "GET", PRODUCTS_URL, token, c -> { })), "invalid_dpop_proof");

        // a proof is for one request: this URL, this method, this token, once, now
        String once = proof(key, "GET", PRODUCTS_URL, token, c -> { });
        assertEquals(200, products("DPoP " + token, once).status());
        assertChallenge(products("DPoP " + token, once), "invalid_dpop_proof");
        assertChallenge(products("DPoP " + token, proof(key, "GET", Http.KEYWARD + "/v2/products/1", token, c -> { })), "invalid_dpop_proof");
        assertChallenge(products("DPoP " + token, proof(key, "POST", PRODUCTS_URL, token, c -> { })), "invalid_dpop_proof");
        assertChallenge(products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, null, c -> { })), "invalid_dpop_proof");
        assertChallenge(products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token + "x", c -> { })), "invalid_dpop_proof");
        Answer old = products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token,
                c -> c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 600))));
        assertChallenge(old, "invalid_dpop_proof");
        assertTrue(old.json().get("errors").get(0).get("detail").asText().contains("iat"), old.toString());
        Answer two = products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token, c -> { }), proof(key, "GET", PRODUCTS_URL, token, c -> { }));
        assertChallenge(two, "invalid_dpop_proof");

        // RFC 9449 §4.3: htu is compared without the query
        assertEquals(200, products("DPoP " + token, proof(key, "GET", PRODUCTS_URL + "?page%5Blimit%5D=1", token, c -> { })).status(),
                "the query is not part of htu's comparison");
    }

    @Test
    void anUnboundTokenSentAsDpopAndAnyTokenWithAGarbledProofAreRefused() {
        Answer bearer = Http.clientCredentials(credential.clientId(), credential.secret());
        String token = bearer.json().get("access_token").asText();
        assertEquals("Bearer", bearer.json().get("token_type").asText());
        assertEquals(200, products("Bearer " + token).status(), "a bearer token stays a bearer token");
        assertChallenge(products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token, c -> { })), "invalid_token");

        Answer none = products("Basic eA==");
        assertEquals(401, none.status());
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer realm=\"keyward\", DPoP realm=\"keyward\", algs="),
                "both schemes offered: " + none.header("WWW-Authenticate"));
    }

    @Test
    void theTokenEndpointRefusesEveryProofThatIsNotForIt() {
        assertOAuth(tokenRequest(proof(key, "POST", PRODUCTS_URL, null, c -> { })), 400, "invalid_dpop_proof");
        assertOAuth(tokenRequest(proof(key, "GET", TOKEN_URL, null, c -> { })), 400, "invalid_dpop_proof");
        assertOAuth(tokenRequest("not-a-proof"), 400, "invalid_dpop_proof");
        assertOAuth(tokenRequest(tokenProof(c -> { }), tokenProof(c -> { })), 400, "invalid_dpop_proof");
        assertOAuth(tokenRequest(tokenProof(c -> c.unsetClaim("jti"))), 400, "invalid_dpop_proof");
        String once = tokenProof(c -> { });
        assertEquals(200, tokenRequest(once).status());
        Answer replayed = tokenRequest(once);
        assertOAuth(replayed, 400, "invalid_dpop_proof");
        assertTrue(replayed.json().get("error_description").asText().contains("used before"), replayed.toString());
        // a wrong secret is still a wrong secret, whatever the proof
        Answer wrong = post("/oauth/access_token", Map.of("grant_type", "client_credentials"),
                Http.basic(credential.clientId(), credential.secret() + "x"), tokenProof(c -> { }));
        assertOAuth(wrong, 401, "invalid_client");

        JsonNode metadata = Http.get("/.well-known/oauth-authorization-server", null).json();
        assertEquals(List.of("ES256", "RS256", "PS256", "EdDSA"), Http.JSON.convertValue(metadata.get("dpop_signing_alg_values_supported"), List.class));
    }

    @Test
    void aTenantThatRequiresDpopRefusesBearerTokensEvenThoseIssuedBefore() {
        String earlier = Http.clientCredentials(credential.clientId(), credential.secret()).json().get("access_token").asText();
        assertEquals(200, products("Bearer " + earlier).status());

        assertProblem(Http.put(tenantPath(store, "dpop"), "bob", body("required", true)), 403, "policy-refused");
        assertProblem(Http.put(tenantPath(store, "dpop"), "alice", body("required", "yes")), 400, "invalid-body");
        assertProblem(Http.put(tenantPath(store, "dpop"), "alice", body("required", true, "bound", true)), 400, "invalid-body");
        Answer set = Http.put(tenantPath(store, "dpop"), "alice", body("required", true));
        assertEquals(200, set.status(), set.toString());
        assertTrue(set.json().get("dpop").get("required").asBoolean());
        assertFalse(set.json().get("dpop").get("nonce").asBoolean());
        assertEquals("tenant.dpop-changed", auditTypes(store, "alice", "").get(0));

        assertChallenge(products("Bearer " + earlier), "invalid_token");
        Answer without = Http.clientCredentials(credential.clientId(), credential.secret());
        assertOAuth(without, 400, "invalid_dpop_proof");
        String bound = boundToken();
        assertEquals(200, products("DPoP " + bound, proof(key, "GET", PRODUCTS_URL, bound, c -> { })).status());

        // the implicit grant's storefront tokens too
        Answer implicit = post("/oauth/access_token", Map.of("grant_type", "implicit", "client_id", credential.clientId()), null);
        assertOAuth(implicit, 400, "invalid_dpop_proof");
        Answer boundImplicit = post("/oauth/access_token", Map.of("grant_type", "implicit", "client_id", credential.clientId()), null,
                tokenProof(c -> { }));
        assertEquals(200, boundImplicit.status(), boundImplicit.toString());
        assertEquals("DPoP", boundImplicit.json().get("token_type").asText());
    }

    @Test
    void aTenantThatAsksForNoncesHandsOneOutAndAcceptsProofsOnlyWithIt() {
        Answer set = Http.put(tenantPath(store, "dpop"), "alice", body("required", true, "nonce", true));
        assertEquals(200, set.status(), set.toString());

        Answer first = tokenRequest(tokenProof(c -> { }));
        assertOAuth(first, 400, "use_dpop_nonce");
        String nonce = first.header("DPoP-Nonce");
        assertNotNull(nonce, "RFC 9449 §8: the nonce comes with the refusal");
        assertOAuth(tokenRequest(tokenProof(c -> c.setStringClaim("nonce", "made-up"))), 400, "use_dpop_nonce");
        Answer issued = tokenRequest(tokenProof(c -> c.setStringClaim("nonce", nonce)));
        assertEquals(200, issued.status(), issued.toString());
        assertNotNull(issued.header("DPoP-Nonce"), "a fresh nonce with every answer");
        String token = issued.json().get("access_token").asText();

        Answer noNonce = products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token, c -> { }));
        assertChallenge(noNonce, "use_dpop_nonce");
        String resourceNonce = noNonce.header("DPoP-Nonce");
        assertNotNull(resourceNonce);
        assertEquals(200, products("DPoP " + token, proof(key, "GET", PRODUCTS_URL, token, c -> c.setStringClaim("nonce", resourceNonce))).status());
        assertTrue(Http.get(TENANTS + "/" + store, "alice").json().get("dpop").get("nonce").asBoolean());
    }
}
