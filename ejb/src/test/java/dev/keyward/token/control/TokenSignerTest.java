package dev.keyward.token.control;

import dev.keyward.platform.control.ServerKeys;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens are checked by jose4j, an independent JOSE library, against the published JWK. */
class TokenSignerTest {

    @TempDir
    Path keys;

    @Test
    void signsES256TokensThatThePublishedKeyVerifies() throws Exception {
        TokenSigner signer = signer(keys);
        String token = signer.sign(Json.createObjectBuilder().add("sub", "kwc_x").add("scope", "orders:read").build());

        JsonWebKeySet jwks = new JsonWebKeySet(JsonWebKey.Factory.newJwk(Map.copyOf(signer.publicJwk())));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JsonWebKey key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
        jws.setKey(key.getKey());

        assertTrue(jws.verifySignature());
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        assertEquals("at+jwt", jws.getHeader("typ"));
        assertEquals(signer.publicJwk().get("kid"), jws.getKeyIdHeaderValue());
        assertEquals("kwc_x", JwtClaims.parse(jws.getPayload()).getSubject());
    }

    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        TokenSigner signer = signer(keys);
        String token = signer.sign(Json.createObjectBuilder().add("sub", "kwc_x").build());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"kwc_y\"}".getBytes()) + "." + parts[2];

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(forged);
        jws.setKey(JsonWebKey.Factory.newJwk(Map.copyOf(signer.publicJwk())).getKey());
        assertFalse(jws.verifySignature());
    }

    @Test
    void theKeysSurviveARestartAndStayOwnerOnly() throws Exception {
        String first = signer(keys).publicJwk().get("kid");
        String again = signer(keys).publicJwk().get("kid");
        assertEquals(first, again);
        for (Path file : Files.list(keys).toList()) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    static TokenSigner signer(Path dir) {
        TokenSigner signer = new TokenSigner();
        signer.keys = ServerKeys.inFolder(dir);
        signer.init();
        return signer;
    }
}
