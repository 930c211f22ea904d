package dev.keyward.token.control;

import dev.keyward.domain.token.SigningKey;
import dev.keyward.platform.control.ServerKeys;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens are checked by jose4j, an independent JOSE library, against the published JWK. */
class TokenSignerTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path keys;

    @Test
    void signsES256TokensThatThePublishedKeyVerifies() throws Exception {
        TokenSigner signer = signer(keys);
        String token = signer.sign(Json.createObjectBuilder().add("sub", "kwc_x").add("scope", "orders:read").build());

        JsonWebKeySet jwks = new JsonWebKeySet(JsonWebKey.Factory.newJwk(Map.copyOf(signer.publicJwks().get(0))));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JsonWebKey key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
        jws.setKey(key.getKey());

        assertTrue(jws.verifySignature());
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        assertEquals("at+jwt", jws.getHeader("typ"));
        assertEquals(signer.publicJwks().get(0).get("kid"), jws.getKeyIdHeaderValue());
        assertEquals("kwc_x", JwtClaims.parse(jws.getPayload()).getSubject());
    }

    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        TokenSigner signer = signer(keys);
        String token = signer.sign(Json.createObjectBuilder().add("sub", "kwc_x").build());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"kwc_y\"}".getBytes()) + "." + parts[2];

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(forged);
        jws.setKey(JsonWebKey.Factory.newJwk(Map.copyOf(signer.publicJwks().get(0))).getKey());
        assertFalse(jws.verifySignature());
    }

    @Test
    void theServerKeysSurviveARestartAndStayOwnerOnly() throws Exception {
        ServerKeys first = ServerKeys.inFolder(keys);
        ServerKeys again = ServerKeys.inFolder(keys);
        assertArrayEquals(first.hmacKey(), again.hmacKey());
        assertArrayEquals(first.sealingKey().getEncoded(), again.sealingKey().getEncoded());
        for (Path file : Files.list(keys).toList()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    @Test
    void aSealedSigningKeyOpensOnlyUnderItsSealingKeyAndItsOwnKeyId(@TempDir Path elsewhere) {
        ServerKeys server = ServerKeys.inFolder(keys);
        SigningKey key = KeyMaterial.create(server.sealingKey(), NOW, NOW);
        assertEquals(key.kid(), KeyMaterial.open(key, server.sealingKey()).kid());
        assertFalse(key.sealedPrivate().contains(key.publicKey()));

        assertThrows(IllegalStateException.class, () -> KeyMaterial.open(key, ServerKeys.inFolder(elsewhere).sealingKey()));
        SigningKey relabelled = new SigningKey("0000000000000000", key.algorithm(), key.publicKey(), key.sealedPrivate(), NOW, NOW);
        assertThrows(IllegalStateException.class, () -> KeyMaterial.open(relabelled, server.sealingKey()));
    }

    @Test
    void signsWithTheCurrentKeyAndVerifiesWhatAnyPublishedKeySigned() {
        ServerKeys server = ServerKeys.inFolder(keys);
        SigningKey old = KeyMaterial.create(server.sealingKey(), NOW, NOW);
        Instant rotation = NOW.plusSeconds(3600);
        SigningKey next = KeyMaterial.create(server.sealingKey(), rotation, rotation.plusSeconds(900));
        old.supersedeBy(next, Duration.ofHours(24), rotation);
        KeyRing ring = new KeyRing();
        ring.replace(List.of(KeyMaterial.open(old, server.sealingKey()), KeyMaterial.open(next, server.sealingKey())));

        TokenSigner during = signer(ring, rotation.plusSeconds(1));
        String signedByOld = during.sign(Json.createObjectBuilder().add("sub", "kwc_x").build());
        assertEquals(old.kid(), kid(signedByOld), "the published key does not sign before its time");
        assertEquals(2, during.publicJwks().size());

        TokenSigner after = signer(ring, rotation.plusSeconds(900));
        String signedByNext = after.sign(Json.createObjectBuilder().add("sub", "kwc_x").build());
        assertEquals(next.kid(), kid(signedByNext));
        assertTrue(after.verify(signedByOld, TokenSigner.ACCESS_TOKEN).isPresent(), "the old key still verifies");
        assertTrue(after.verify(signedByNext, TokenSigner.ACCESS_TOKEN).isPresent());

        TokenSigner retired = signer(ring, old.retiresAt());
        assertTrue(retired.verify(signedByOld, TokenSigner.ACCESS_TOKEN).isEmpty(), "a retired key verifies nothing");
        assertEquals(List.of(next.kid()), retired.publicJwks().stream().map(k -> k.get("kid")).toList());
    }

    private static String kid(String jws) {
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))));
        return Json.createReader(new StringReader(header)).readObject().getString("kid");
    }

    static TokenSigner signer(Path dir) {
        ServerKeys server = ServerKeys.inFolder(dir);
        KeyRing ring = new KeyRing();
        ring.replace(List.of(KeyMaterial.open(KeyMaterial.create(server.sealingKey(), Instant.EPOCH, Instant.EPOCH), server.sealingKey())));
        return signer(ring, NOW);
    }

    static TokenSigner signer(KeyRing ring, Instant now) {
        TokenSigner signer = new TokenSigner();
        signer.keys = ring;
        signer.clock = Clock.fixed(now, ZoneOffset.UTC);
        signer.init();
        return signer;
    }
}
