package dev.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.client.caller.CallerApplication;
import dev.keyward.it.Dpop;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client ({@code client/}) in a second application deployed next to Keyward, as a Jakarta EE application would
 * use it: {@link KeywardAuthentication} on a JAX-RS client calling the store API from many threads at once, with a secret,
 * then with a private key and DPoP; a token revoked halfway; and {@link KeywardTokenCheck} guarding the application's own
 * resource. The application's classes are {@code dev.keyward.client.caller}; the client's classes are added as they are.
 */
@ExtendWith(ArquillianExtension.class)
class JavaClientIT {

    static final String STRUCTURE = """
            <jboss-deployment-structure>
                <deployment>
                    <dependencies>
                        <module name="org.bitbucket.jose4j"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    static String issuer;
    static String store;

    @ArquillianResource
    URL caller;

    @Deployment(testable = false)
    static WebArchive caller() {
        return ShrinkWrap.create(WebArchive.class, "keyward-caller.war")
                .addPackage(KeywardTokens.class.getPackage())
                .addPackage(CallerApplication.class.getPackage())
                .addAsWebInfResource(new StringAsset(STRUCTURE), "jboss-deployment-structure.xml");
    }

    @BeforeAll
    static void store() {
        issuer = Http.get("/.well-known/oauth-authorization-server", null).json().get("issuer").asText();
        store = tenant("elastic-path", "alice", "admin", "bob", "member", "carol", "admin");
    }

    JsonNode run(Map<String, Object> order) {
        Answer a = sendTo("api/calls", order);
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    Answer sendTo(String path, Object body) {
        try {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(caller.toURI().resolve(path))
                    .header("Content-Type", "application/json").timeout(java.time.Duration.ofMinutes(2))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body))).build();
            var r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void manyThreadsCallTheStoreApiWithOneTokenAndARevokedTokenIsReplacedOnce() {
        Issued alices = credential(store, "alice", body("name", "java client"));
        JsonNode loaded = run(body("issuer", issuer, "clientId", alices.clientId(), "secret", alices.secret(), "threads", 16, "calls", 400));
        assertEquals(Map.of("200", 400), Http.JSON.convertValue(loaded.get("statuses"), Map.class), loaded.toString());
        assertEquals(1, loaded.get("fetches").asInt(), "one token for 400 calls from 16 threads: " + loaded);
        assertEquals("Bearer", loaded.get("tokenType").asText());

        JsonNode revoked = run(body("issuer", issuer, "clientId", alices.clientId(), "secret", alices.secret(), "threads", 4, "calls", 40,
                "revokeHalfway", true));
        assertEquals(Map.of("200", 40), Http.JSON.convertValue(revoked.get("statuses"), Map.class),
                "the call that met the revoked token was sent again with a new one: " + revoked);
        assertEquals(2, revoked.get("fetches").asInt(), "one new token after the revocation, not one per thread: " + revoked);
    }

    @Test
    void aPrivateKeyAndDpopWorkThroughTheSameFilter() throws Exception {
        PublicJsonWebKey signing = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        signing.setKeyId("java-client");
        Answer made = Http.post(tenantPath(store, "credentials"), "bob", body("name", "java client, keys",
                "jwks", body("keys", List.of(signing.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))));
        assertEquals(201, made.status(), made.toString());
        PublicJsonWebKey dpop = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonNode loaded = run(body("issuer", issuer, "clientId", made.json().get("clientId").asText(),
                "privateJwk", signing.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                "dpopJwk", dpop.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), "threads", 8, "calls", 80));
        assertEquals(Map.of("200", 80), Http.JSON.convertValue(loaded.get("statuses"), Map.class), loaded.toString());
        assertEquals("DPoP", loaded.get("tokenType").asText());
        assertEquals(1, loaded.get("fetches").asInt(), loaded.toString());
    }

    @Test
    void asAResourceServerTheApplicationTakesLiveKeywardTokensOnly() throws Exception {
        Issued introspector = credential(store, "carol", body("name", "resource server"));
        assertEquals(204, sendTo("api/calls/guard", body("issuer", issuer, "clientId", introspector.clientId(),
                "secret", introspector.secret())).status());
        String token = Http.clientCredentials(introspector.clientId(), introspector.secret()).json().get("access_token").asText();

        Answer ok = get("api/calls/guarded", "Bearer " + token);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(introspector.clientId(), ok.json().get("clientId").asText(), "the client ID is the principal");
        assertTrue(ok.json().get("readsProducts").asBoolean(), "the token's permissions are its roles");
        assertEquals(401, get("api/calls/guarded", null).status());
        int i = token.length() - 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertEquals(401, get("api/calls/guarded", "Bearer " + tampered).status());
        assertEquals(401, get("api/calls/guarded", "Bearer eyJhbGciOiJub25lIn0.e30.").status());

        assertEquals(200, Http.oauth("revoke", Map.of("token", token), introspector.clientId(), introspector.secret()).status());
        Answer revoked = get("api/calls/guarded", "Bearer " + token);
        assertEquals(401, revoked.status(), "signature still good, but Keyward says it is dead: " + revoked);
        assertTrue(revoked.header("WWW-Authenticate").contains("invalid_token"));

        // a token bound to a key (DPoP) opens it only with that key's proof for this very request, each proof once
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String bound = boundToken(introspector, key);
        String url = caller.toURI().resolve("api/calls/guarded").toString();
        Answer proven = get("api/calls/guarded", "DPoP " + bound, Dpop.proof(key, "GET", url, bound, c -> { }));
        assertEquals(200, proven.status(), proven.toString());
        assertEquals(introspector.clientId(), proven.json().get("clientId").asText());
        assertDpopRefused(get("api/calls/guarded", "Bearer " + bound), "invalid_token", "a bound token as a bearer token");
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound), "invalid_dpop_proof", "no proof");
        PublicJsonWebKey other = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, Dpop.proof(other, "GET", url, bound, c -> { })), "invalid_dpop_proof",
                "another key's proof");
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, Dpop.proof(key, "POST", url, bound, c -> { })), "invalid_dpop_proof",
                "a proof for another method");
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, Dpop.proof(key, "GET", url + "x", bound, c -> { })), "invalid_dpop_proof",
                "a proof for another URL");
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, Dpop.proof(key, "GET", url, token, c -> { })), "invalid_dpop_proof",
                "a proof for another token");
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, Dpop.proof(key, "GET", url, bound,
                c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600)))), "invalid_dpop_proof", "a proof ten minutes old");
        String once = Dpop.proof(key, "GET", url, bound, c -> { });
        assertEquals(200, get("api/calls/guarded", "DPoP " + bound, once).status());
        assertDpopRefused(get("api/calls/guarded", "DPoP " + bound, once), "invalid_dpop_proof", "a proof used before");
        String unbound = Http.clientCredentials(introspector.clientId(), introspector.secret()).json().get("access_token").asText();
        assertDpopRefused(get("api/calls/guarded", "DPoP " + unbound, Dpop.proof(key, "GET", url, unbound, c -> { })), "invalid_token",
                "a bearer token in the DPoP scheme");
    }

    /** A token bound to {@code key}: a client_credentials grant with a proof (RFC 9449 §5). */
    static String boundToken(Issued credential, PublicJsonWebKey key) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.KEYWARD + "/oauth/access_token"))
                    .header("Authorization", Http.basic(credential.clientId(), credential.secret()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("DPoP", Dpop.proof(key, "POST", Http.KEYWARD + "/oauth/access_token", null, c -> { }))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            var r = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode answer = Http.JSON.readTree(r.body());
            assertEquals("DPoP", answer.get("token_type").asText(), r.body());
            return answer.get("access_token").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertDpopRefused(Answer a, String error, String why) {
        assertEquals(401, a.status(), why + ": " + a);
        String challenge = a.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("DPoP ") && challenge.contains("error=\"" + error + "\""), why + ": " + challenge);
    }

    Answer get(String path, String authorization, String... proofs) {
        try {
            var b = java.net.http.HttpRequest.newBuilder(caller.toURI().resolve(path)).GET();
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            for (String proof : proofs) {
                b.header("DPoP", proof);
            }
            var r = java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
