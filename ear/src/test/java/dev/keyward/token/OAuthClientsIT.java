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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real OAuth client libraries against Keyward, unmodified: openid-client (npm), authenticating with {@code private_key_jwt},
 * from {@code src/test/console/oauth-clients.test.mjs} run by Node's test runner. The credential is registered here with
 * the public half of a key made for the run; the library gets the private half and Keyward's issuer, and nothing else.
 */
class OAuthClientsIT {

    @Test
    void openidClientGetsIntrospectsAndRevokesTokensWithPrivateKeyJwt() throws JoseException {
        assertTrue(Files.isDirectory(NodeTests.HOME.resolve("node_modules/openid-client")), "npm ci has not run in " + NodeTests.HOME);
        String store = tenant("elastic-path", "alice", "admin");
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("openid-client");
        Answer created = Http.post(tenantPath(store, "credentials"), "alice", body("name", "openid-client",
                "jwks", body("keys", List.of(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))));
        assertEquals(201, created.status(), created.toString());

        NodeTests.run("oauth-clients.test.mjs", Map.of("CLIENT_ID", created.json().get("clientId").asText(),
                "PRIVATE_JWK", key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)), Duration.ofMinutes(3));
    }
}
