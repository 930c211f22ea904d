package dev.keyward.token.control;

import dev.keyward.credential.control.CachedCredential;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.credential.StoredSecret;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.access.DirectoryReadiness;
import dev.keyward.platform.control.ServerKeys;
import dev.keyward.token.boundary.AccessToken;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token is used only while it is genuine and alive: each way of failing, with a clock the test moves. */
class TokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path keys;
    @TempDir
    Path otherKeys;

    TokenSigner signer;
    TokenVerifier verifier;
    ClientCredential credential;
    Tenant tenant;
    final Set<String> revokedJtis = new HashSet<>();

    final DirectoryReadiness readiness = new DirectoryReadiness();

    @BeforeEach
    void setUp() {
        readiness.reconciled();
        signer = TokenSignerTest.signer(keys);
        tenant = new Tenant("shop", "Shop", PolicyPreset.ELASTIC_PATH, null, NOW);
        TeamMember alice = new TeamMember(tenant, "sub-alice", "alice", null, MemberRole.ADMIN, NOW);
        credential = new ClientCredential(tenant, "kwc_live", "laptop", "production", Set.of(Permission.PRODUCTS_READ), alice, alice,
                new StoredSecret("00".repeat(32), "kws_…0000"), NOW, null, null);
        verifier = verifierAt(NOW);
    }

    TokenVerifier verifierAt(Instant now) {
        TokenVerifier v = new TokenVerifier();
        v.signer = signer;
        v.clock = Clock.fixed(now, ZoneOffset.UTC);
        v.issuer = "https://keyward.test";
        v.audience = "keyward";
        v.directory = readiness;
        v.credentials = new CredentialCache() {
            @Override
            public Optional<CachedCredential> find(String clientId) {
                return clientId.equals(credential.clientId()) ? Optional.of(CachedCredential.of(credential)) : Optional.empty();
            }
        };
        v.revoked = new RevokedTokens() {
            @Override
            public boolean isRevoked(String jti) {
                return revokedJtis.contains(jti);
            }
        };
        return v;
    }

    JsonObjectBuilder claims() {
        return Json.createObjectBuilder().add("iss", "https://keyward.test").add("aud", Json.createArrayBuilder().add("keyward"))
                .add("sub", "kwc_live").add("client_id", "kwc_live").add("jti", "jti-1").add("scope", "products:read orders:read")
                .add("tenant", "shop").add("environment", "production").add("grant", "client_credentials")
                .add("iat", NOW.getEpochSecond()).add("exp", NOW.plusSeconds(3600).getEpochSecond());
    }

    @Test
    void aGenuineLiveTokenIsActiveWithItsTenantAndPermissions() {
        AccessToken token = verifier.active(signer.sign(claims().build())).orElseThrow();
        assertEquals("kwc_live", token.clientId());
        assertEquals(tenant.id(), token.tenantId());
        assertEquals(Set.of(Permission.PRODUCTS_READ, Permission.ORDERS_READ), token.permissions());
    }

    @Test
    void anExpiredTokenIsNot() {
        String jwt = signer.sign(claims().build());
        assertTrue(verifierAt(NOW.plusSeconds(3599)).active(jwt).isPresent());
        assertTrue(verifierAt(NOW.plusSeconds(3600)).active(jwt).isEmpty());
    }

    @Test
    void aRevokedTokenOrACredentialThatStoppedStopsItsTokensAtOnce() {
        String jwt = signer.sign(claims().build());
        assertTrue(verifier.active(jwt).isPresent());

        revokedJtis.add("jti-1");
        assertTrue(verifier.active(jwt).isEmpty(), "this token revoked");
        revokedJtis.clear();
        assertTrue(verifier.active(jwt).isPresent());

        credential.revoke(null, NOW, "revoked");
        assertTrue(verifier.active(jwt).isEmpty(), "credential revoked");
    }

    @Test
    void tokensIssuedBeforeADisableStayDeadWhenTheCredentialIsEnabledAgain() {
        String before = signer.sign(claims().build());
        assertTrue(verifier.active(before).isPresent());

        credential.disable(NOW.plusSeconds(10));
        assertTrue(verifier.active(before).isEmpty(), "disabled");
        credential.enable(null, NOW.plusSeconds(60));
        assertTrue(verifier.active(before).isEmpty(), "disabling is done on suspicion: what was issued before does not come back");

        String after = signer.sign(claims().add("jti", "jti-2").add("iat", NOW.plusSeconds(61).getEpochSecond()).build());
        assertTrue(verifier.active(after).isPresent(), "tokens issued since the enable work");
    }

    @Test
    void untilOwnersAreCheckedWithKeycloakAfterAStartAPersonsCredentialOpensNothing() {
        String jwt = signer.sign(claims().build());
        DirectoryReadiness justStarted = new DirectoryReadiness();
        verifier.directory = justStarted;
        assertTrue(verifier.active(jwt).isEmpty(), "the owner may have been disabled while Keyward was down");
        justStarted.reconciled();
        assertTrue(verifier.active(jwt).isPresent(), "once reconciled");
    }

    @Test
    void anOwnerWhoLeftTheTeamStopsTheirTokensAtOnce() {
        String jwt = signer.sign(claims().build());
        assertTrue(verifier.active(jwt).isPresent());
        credential.owner().remove(NOW);
        assertTrue(verifier.active(jwt).isEmpty());
    }

    @Test
    void anythingNotOurAccessTokenIsNeverActive() {
        assertTrue(verifier.active(signer.sign(claims().build(), TokenSigner.CUSTOMER_TOKEN)).isEmpty(), "a customer token");
        assertTrue(verifier.active(TokenSignerTest.signer(otherKeys).sign(claims().build())).isEmpty(), "another server's key");
        assertTrue(verifier.active(signer.sign(claims().add("iss", "https://elsewhere").build())).isEmpty(), "another issuer");
        assertTrue(verifier.active(signer.sign(claims().add("aud", "someone-else").build())).isEmpty(), "another audience");
        assertTrue(verifier.active(signer.sign(claims().add("client_id", "kwc_gone").build())).isEmpty(), "an unknown credential");
        assertTrue(verifier.active(signer.sign(Json.createObjectBuilder().add("iss", "https://keyward.test").build())).isEmpty(), "no claims");
        for (String junk : new String[]{null, "", "a.b", "a.b.c", "a.b.c.d", "x".repeat(5000)}) {
            assertTrue(verifier.active(junk).isEmpty(), String.valueOf(junk));
        }
    }
}
