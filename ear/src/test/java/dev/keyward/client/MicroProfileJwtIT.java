package dev.keyward.client;

import dev.keyward.client.mpjwt.MpJwtApplication;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resource server on MicroProfile JWT alone, configured as the README says (Keyward's JWKS, issuer, audience, ES256),
 * deployed next to Keyward: Keyward's access tokens open it; anything else does not, Keycloak's tokens included. And what
 * it cannot know: a revoked token still opens it until it expires, which is what introspection ({@link KeywardTokenCheck})
 * and event receivers are for.
 */
@ExtendWith(ArquillianExtension.class)
class MicroProfileJwtIT {

    @ArquillianResource
    URL app;

    @Deployment(testable = false)
    static WebArchive resourceServer() {
        String issuer = Http.get("/.well-known/oauth-authorization-server", null).json().get("issuer").asText();
        String config = "mp.jwt.verify.publickey.location=" + issuer + "/oauth/jwks\n"
                + "mp.jwt.verify.publickey.algorithm=ES256\n"
                + "mp.jwt.verify.issuer=" + issuer + "\n"
                + "mp.jwt.verify.audiences=keyward\n";
        return ShrinkWrap.create(WebArchive.class, "keyward-mpjwt.war")
                .addPackage(MpJwtApplication.class.getPackage())
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" bean-discovery-mode=\"all\" version=\"4.0\"/>"),
                        "beans.xml")
                // RESTEasy enforces @RolesAllowed on plain resources only when told to
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <context-param>
                                <param-name>resteasy.role.based.security</param-name>
                                <param-value>true</param-value>
                            </context-param>
                        </web-app>
                        """));
    }

    Answer who(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.toURI().resolve("api/who")).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers(), r.body());
    }

    static void assertRefused(Answer a) {
        assertTrue(a.status() == 401 || a.status() == 403, a.toString());
        assertFalse(a.body().contains("kwc_"), "no client ID leaks to a caller who is not one: " + a);
    }

    @Test
    void keywardsTokensOpenAResourceServerOnMicroProfileJwtAloneAndNothingElseDoes() throws Exception {
        String store = tenant("elastic-path", "alice", "admin");
        Issued alices = credential(store, "alice", body("name", "for MP JWT"));
        String token = Http.clientCredentials(alices.clientId(), alices.secret()).json().get("access_token").asText();

        Answer ok = who("Bearer " + token);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(alices.clientId() + " " + store, ok.body());

        // refused: 401 from the JWT check, or 403 from RESTEasy's role check when no caller was established
        assertRefused(who(null));
        // another issuer's token, signed with another algorithm (Keycloak's RS256): WildFly 39's MicroProfile JWT answers it
        // with a bare 500 rather than a 401; it opens nothing either way
        Answer keycloak = who("Bearer " + Http.token("alice"));
        assertNotEquals(200, keycloak.status(), keycloak.toString());
        assertFalse(keycloak.body().contains("alice") || keycloak.body().contains(store), keycloak.toString());
        int i = token.length() - 10;
        assertRefused(who("Bearer " + token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1)));

        assertEquals(200, Http.oauth("revoke", Map.of("token", token), alices.clientId(), alices.secret()).status());
        assertEquals(200, who("Bearer " + token).status(), "MicroProfile JWT checks signatures, not revocation: "
                + "a revoked token opens it until it expires");
    }
}
