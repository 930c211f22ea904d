package dev.keyward.credential.control;

import dev.keyward.domain.shared.DomainException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublicKeysTest {

    static Map<String, String> members(PublicJsonWebKey key, JsonWebKey.OutputControlLevel level) {
        Map<String, String> m = new HashMap<>();
        key.toParams(level).forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }

    static Map<String, String> publicMembers(PublicJsonWebKey key) {
        return members(key, JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    static String refusal(List<Map<String, String>> keys) {
        DomainException e = assertThrows(DomainException.class, () -> PublicKeys.checked(keys));
        assertEquals("invalid-jwks", e.type());
        return e.detail();
    }

    @Test
    void theKindsKeywardVerifiesAreKeptWithTheirPublicMembersOnly() throws JoseException {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        PublicJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        String stored = PublicKeys.checked(List.of(publicMembers(ec), publicMembers(ed)));
        JsonWebKeySet set = new JsonWebKeySet(stored);
        assertEquals(2, set.getJsonWebKeys().size());
        assertFalse(stored.contains("\"d\""), stored);
        assertEquals(List.of("ec-1", ed.calculateBase64urlEncodedThumbprint("SHA-256")), PublicKeys.keyIds(stored),
                "a key without a kid is named by its thumbprint");
        assertTrue(PublicKeys.checked(List.of(publicMembers(RsaJwkGenerator.generateJwk(2048)))).contains("\"RSA\""));
    }

    @Test
    void everythingElseIsRefusedNamingTheKey() throws JoseException {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertTrue(refusal(List.of(members(ec, JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))).contains("private key"));
        assertTrue(refusal(List.of(publicMembers(EcJwkGenerator.generateJwk(EllipticCurves.P384)))).contains("P-256"));
        assertTrue(refusal(List.of(publicMembers(RsaJwkGenerator.generateJwk(1024)))).contains("2048"));
        assertTrue(refusal(List.of(publicMembers(OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_X25519)))).contains("Ed25519"));
        Map<String, String> wrongAlg = publicMembers(ec);
        wrongAlg.put("alg", "RS256");
        assertTrue(refusal(List.of(wrongAlg)).contains("alg"));
        Map<String, String> forEncryption = publicMembers(ec);
        forEncryption.put("use", "enc");
        assertTrue(refusal(List.of(forEncryption)).contains("use"));
        assertTrue(refusal(List.of(Map.of("kty", "oct", "k", "c2VjcmV0"))).startsWith("jwks.keys[0]"));
        assertTrue(refusal(List.of(Map.of("kty", "EC", "crv", "P-256", "x", "AAAA", "y", "AAAA"))).startsWith("jwks.keys[0]"));
        String tooLong = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[65]).replace('A', '_');
        assertTrue(refusal(List.of(Map.of("kty", "EC", "crv", "P-256", "x", tooLong, "y", "AAAA"))).startsWith("jwks.keys[0]"),
                "coordinates longer than the curve's field: the JDK's plain runtime exception is a 400, not a 500");
        Map<String, String> named = publicMembers(ec);
        named.put("kid", "same");
        assertTrue(refusal(List.of(named, named)).contains("already the kid"));
        named.put("kid", "k".repeat(129));
        assertTrue(refusal(List.of(named)).contains("kid"));
        assertTrue(refusal(List.of()).contains("one public key"));
        assertTrue(refusal(List.of(publicMembers(ec), publicMembers(ec), publicMembers(ec))).contains("two"));
    }
}
