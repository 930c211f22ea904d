package dev.keyward.token.control;

import java.time.Instant;
import java.util.List;
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
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DPoP proofs (RFC 9449 §4.3): each check a resource server and the token endpoint make, and every way a proof can fail it. */
class DpopProofsTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final String URL = "https://keyward.example/v2/products";
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    static final DpopProofs.Expected AT_RESOURCE = new DpopProofs.Expected("GET", List.of(URL), TOKEN, null);

    static PublicJsonWebKey ec() throws JoseException {
        return EcJwkGenerator.generateJwk(EllipticCurves.P256);
    }

    /** A proof for GET on {@link #URL} with {@link #TOKEN}, as RFC 9449 §4.2 shows one, which {@code change} may spoil. */
    static String proof(PublicJsonWebKey key, String alg, Consumer<JwtClaims> change, Consumer<JsonWebSignature> header) {
        JwtClaims claims = new JwtClaims();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("htm", "GET");
        claims.setStringClaim("htu", URL);
        claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond()));
        claims.setStringClaim("ath", DpopProofs.tokenHash(TOKEN));
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "dpop+jwt");
        jws.setJwkHeader(key);
        jws.setKey(key.getPrivateKey());
        header.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static String proof(PublicJsonWebKey key, Consumer<JwtClaims> change) {
        return proof(key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, change, h -> { });
    }

    static String refusal(String proof, DpopProofs.Expected expected) {
        return assertThrows(DpopProofs.Refused.class, () -> DpopProofs.verify(proof, expected, NOW)).getMessage();
    }

    @Test
    void aProofForThisRequestGivesItsKeysThumbprintAndHowLongItsJtiMustBeRemembered() throws JoseException {
        PublicJsonWebKey key = ec();
        DpopProofs.Proof proof = DpopProofs.verify(proof(key, c -> c.setJwtId("one")), AT_RESOURCE, NOW);
        assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), proof.jkt());
        assertEquals("one", proof.jti());
        assertEquals(NOW.plusSeconds(90), proof.acceptableUntil(), "a minute's age and the clock skew after its iat");
    }

    @Test
    void rsaAndEd25519KeysProveToo() throws JoseException {
        PublicJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        assertEquals(rsa.calculateBase64urlEncodedThumbprint("SHA-256"),
                DpopProofs.verify(proof(rsa, AlgorithmIdentifiers.RSA_PSS_USING_SHA256, c -> { }, h -> { }), AT_RESOURCE, NOW).jkt());
        assertEquals(rsa.calculateBase64urlEncodedThumbprint("SHA-256"),
                DpopProofs.verify(proof(rsa, AlgorithmIdentifiers.RSA_USING_SHA256, c -> { }, h -> { }), AT_RESOURCE, NOW).jkt());
        PublicJsonWebKey ed = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        assertEquals(ed.calculateBase64urlEncodedThumbprint("SHA-256"),
                DpopProofs.verify(proof(ed, AlgorithmIdentifiers.EDDSA, c -> { }, h -> { }), AT_RESOURCE, NOW).jkt());
    }

    @Test
    void theUrlIsComparedAsRfc3986NormalisesItWithoutQueryOrFragment() throws JoseException {
        PublicJsonWebKey key = ec();
        for (String same : List.of("HTTPS://Keyward.Example/v2/products", "https://keyward.example:443/v2/products",
                "https://keyward.example/v2/products?page=2", "https://keyward.example/v2/./products#x")) {
            DpopProofs.verify(proof(key, c -> c.setStringClaim("htu", same)), AT_RESOURCE, NOW);
        }
        for (String other : List.of("https://keyward.example/v2/products/1", "http://keyward.example/v2/products",
                "https://keyward.example:8443/v2/products", "https://evil.example/v2/products", "/v2/products", "not a url")) {
            assertTrue(refusal(proof(key, c -> c.setStringClaim("htu", other)), AT_RESOURCE).contains("htu"), other);
        }
        assertEquals("http://localhost:18080/", DpopProofs.normalized("http://LOCALHOST:18080"));
        assertNull(DpopProofs.normalized("ftp://keyward.example/x"));
    }

    @Test
    void anotherMethodIsRefused() throws JoseException {
        PublicJsonWebKey key = ec();
        assertTrue(refusal(proof(key, c -> c.setStringClaim("htm", "POST")), AT_RESOURCE).contains("htm"));
        assertTrue(refusal(proof(key, c -> c.setStringClaim("htm", "get")), AT_RESOURCE).contains("htm"), "methods are case-sensitive");
        assertTrue(refusal(proof(key, c -> c.unsetClaim("htm")), AT_RESOURCE).contains("htm"));
    }

    @Test
    void atAResourceTheProofNamesTheTokenByItsHash() throws JoseException {
        PublicJsonWebKey key = ec();
        assertTrue(refusal(proof(key, c -> c.unsetClaim("ath")), AT_RESOURCE).contains("ath"));
        assertTrue(refusal(proof(key, c -> c.setStringClaim("ath", DpopProofs.tokenHash(TOKEN + "x"))), AT_RESOURCE).contains("ath"));
        // at the token endpoint there is no token yet
        DpopProofs.verify(proof(key, c -> c.unsetClaim("ath")), new DpopProofs.Expected("GET", List.of(URL), null, null), NOW);
        // RFC 9449 §6.1's example
        assertEquals("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DpopProofs.tokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    @Test
    void aProofIsForNowOnly() throws JoseException {
        PublicJsonWebKey key = ec();
        assertTrue(refusal(proof(key, c -> c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 300))), AT_RESOURCE).contains("iat"));
        assertTrue(refusal(proof(key, c -> c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() + 300))), AT_RESOURCE).contains("iat"));
        assertTrue(refusal(proof(key, c -> c.unsetClaim("iat")), AT_RESOURCE).contains("iat"));
        DpopProofs.verify(proof(key, c -> c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 50))), AT_RESOURCE, NOW);
        assertTrue(refusal(proof(key, c -> c.unsetClaim("jti")), AT_RESOURCE).contains("jti"));
        assertTrue(refusal(proof(key, c -> c.setJwtId("x".repeat(257))), AT_RESOURCE).contains("jti"));
    }

    @Test
    void onlyADpopJwtSignedByTheKeyInItsOwnHeaderCounts() throws JoseException {
        PublicJsonWebKey key = ec();
        PublicJsonWebKey other = ec();
        assertTrue(refusal(proof(key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, c -> { }, h -> h.setHeader("typ", "JWT")),
                AT_RESOURCE).contains("typ"));
        // signed by one key, naming another: the signature does not verify
        String mismatched = proof(key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, c -> { }, h -> h.setJwkHeader(other));
        assertTrue(refusal(mismatched, AT_RESOURCE).contains("signed"));
        // an HMAC, whose key anyone reading the header would have
        String hmac = proof(key, AlgorithmIdentifiers.HMAC_SHA256, c -> { }, h -> h.setKey(new HmacKey(new byte[32])));
        assertTrue(refusal(hmac, AT_RESOURCE).contains("signed"));
        String unsigned = proof(key, AlgorithmIdentifiers.NONE, c -> { }, h -> {
            h.setKey(null);
            h.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        });
        assertTrue(refusal(unsigned, AT_RESOURCE).contains("signed"));
        assertTrue(refusal("not.a.jwt", AT_RESOURCE).contains("signed"));
    }

    @Test
    void aWeakOrPrivateKeyInTheHeaderIsRefused() throws JoseException {
        PublicJsonWebKey small = RsaJwkGenerator.generateJwk(1024);
        String weak = refusal(proof(small, AlgorithmIdentifiers.RSA_USING_SHA256, c -> { }, h -> h.setDoKeyValidation(false)), AT_RESOURCE);
        assertTrue(weak.contains("jwk") || weak.contains("signed"), weak);
        PublicJsonWebKey key = ec();
        // the whole key pair in the header: whoever reads the proof could sign with it
        String withPrivate = proof(key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, c -> { },
                h -> h.getHeaders().setObjectHeaderValue("jwk", key.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)));
        assertTrue(refusal(withPrivate, AT_RESOURCE).contains("jwk"));
        PublicJsonWebKey p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        assertTrue(refusal(proof(p384, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, c -> { }, h -> { }), AT_RESOURCE)
                .contains("signed"), "ES384 is not among the algorithms");
    }

    @Test
    void aTenantThatAsksForNoncesGetsTheProofRefusedUntilItCarriesTheServersNonce() throws JoseException {
        PublicJsonWebKey key = ec();
        DpopProofs.Expected withNonce = new DpopProofs.Expected("GET", List.of(URL), TOKEN, "n-1"::equals);
        DpopProofs.Refused none = assertThrows(DpopProofs.Refused.class, () -> DpopProofs.verify(proof(key, c -> { }), withNonce, NOW));
        assertTrue(none.nonceWanted());
        DpopProofs.Refused stale = assertThrows(DpopProofs.Refused.class,
                () -> DpopProofs.verify(proof(key, c -> c.setStringClaim("nonce", "n-0")), withNonce, NOW));
        assertTrue(stale.nonceWanted());
        DpopProofs.verify(proof(key, c -> c.setStringClaim("nonce", "n-1")), withNonce, NOW);
        DpopProofs.Refused other = assertThrows(DpopProofs.Refused.class,
                () -> DpopProofs.verify(proof(key, c -> c.setStringClaim("htm", "PUT")), AT_RESOURCE, NOW));
        assertFalse(other.nonceWanted(), "a wrong proof is not mended by a nonce");
    }
}
