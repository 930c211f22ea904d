package dev.keyward.token;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.NodeTests;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real OAuth client libraries against Keyward, unmodified: openid-client (npm), authenticating with {@code private_key_jwt}
 * and binding tokens to a key with DPoP (with and without server nonces), from {@code src/test/console/oauth-clients.test.mjs}
 * run by Node's test runner. The credentials are registered here with the public half of a key made for the run; the library
 * gets the private half, the client IDs and Keyward's issuer, and nothing else.
 */
class OAuthClientsIT {

    @Test
    void openidClientUsesPrivateKeyJwtAndDpop() throws JoseException {
        assertTrue(Files.isDirectory(NodeTests.HOME.resolve("node_modules/openid-client")), "npm ci has not run in " + NodeTests.HOME);
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("openid-client");
        String store = tenant("elastic-path", "alice", "admin");
        String strict = tenantWith("elastic-path", Map.of("dpop", body("required", true, "nonce", true)), "alice", "admin");

        NodeTests.run("oauth-clients.test.mjs", Map.of("CLIENT_ID", registered(store, key), "NONCE_CLIENT_ID", registered(strict, key),
                "PRIVATE_JWK", key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)), Duration.ofMinutes(3));
    }

    /** A credential of {@code store} with {@code key}'s public half: its client ID. */
    private static String registered(String store, PublicJsonWebKey key) {
        Answer created = Http.post(tenantPath(store, "credentials"), "alice", body("name", "openid-client",
                "jwks", body("keys", List.of(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))));
        assertEquals(201, created.status(), created.toString());
        return created.json().get("clientId").asText();
    }
}
