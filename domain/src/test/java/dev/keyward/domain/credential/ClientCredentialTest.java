package dev.keyward.domain.credential;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.keyward.domain.Fixtures.NOW;
import static dev.keyward.domain.Fixtures.credential;
import static dev.keyward.domain.Fixtures.hash;
import static dev.keyward.domain.Fixtures.member;
import static dev.keyward.domain.Fixtures.raw;
import static dev.keyward.domain.Fixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCredentialTest {

    Tenant tenant;
    TeamMember alice;
    ClientCredential credential;

    @BeforeEach
    void setUp() {
        tenant = tenant(PolicyPreset.ELASTIC_PATH);
        alice = member(tenant, "alice", MemberRole.ADMIN);
        credential = credential(tenant, alice, null);
    }

    @Test
    void acceptsItsSecretAndNothingElse() {
        assertTrue(credential.accepts(raw(1), NOW));
        assertFalse(credential.accepts(raw(2), NOW));
        assertEquals(CredentialStatus.ACTIVE, credential.statusAt(NOW));
    }

    @Test
    void rotationKeepsThePreviousSecretThroughTheGracePeriodOnly() {
        Instant validUntil = credential.rotate(hash(2), NOW, Duration.ofMinutes(10));

        assertEquals(NOW.plus(Duration.ofMinutes(10)), validUntil);
        assertTrue(credential.accepts(raw(2), NOW), "new secret");
        assertTrue(credential.accepts(raw(1), NOW.plusSeconds(599)), "old secret within grace");
        assertFalse(credential.accepts(raw(1), NOW.plusSeconds(600)), "old secret when grace ends");
        assertEquals(validUntil, credential.previousSecretValidUntil(NOW));
        assertNull(credential.previousSecretValidUntil(NOW.plusSeconds(600)));
    }

    @Test
    void itsStateDecidesAsTheEntityDoesAndStaysAsItWasRead() {
        credential.rotate(hash(2), NOW, Duration.ofMinutes(10));
        CredentialState state = credential.state();
        assertTrue(state.matchesSecret(raw(2), NOW));
        assertTrue(state.matchesSecret(raw(1), NOW.plusSeconds(599)), "old secret within grace");
        assertFalse(state.matchesSecret(raw(1), NOW.plusSeconds(600)), "old secret when grace ends");
        assertFalse(state.matchesSecret(raw(3), NOW));
        assertEquals(CredentialStatus.ACTIVE, state.statusAt(NOW));
        assertNull(state.ownerSuspension());

        alice.follow(false, false, true);
        assertEquals(CredentialStatus.ACTIVE, state.statusAt(NOW), "a state read earlier does not change");
        CredentialState suspended = credential.state();
        assertEquals(CredentialStatus.SUSPENDED, suspended.statusAt(NOW));
        assertEquals(credential.statusAt(NOW), suspended.statusAt(NOW));
        assertEquals("their Keycloak account is disabled", suspended.ownerSuspension());

        ClientCredential expiring = credential(tenant, member(tenant, "bob", MemberRole.MEMBER), NOW.plusSeconds(60));
        assertEquals(CredentialStatus.ACTIVE, expiring.state().statusAt(NOW.plusSeconds(59)));
        assertEquals(CredentialStatus.EXPIRED, expiring.state().statusAt(NOW.plusSeconds(60)));
    }

    @Test
    void rotationWithoutGraceEndsTheOldSecretAtOnce() {
        assertNull(credential.rotate(hash(2), NOW, Duration.ZERO));
        assertFalse(credential.accepts(raw(1), NOW));
        assertTrue(credential.accepts(raw(2), NOW));
    }

    @Test
    void aSecondRotationLeavesAtMostTwoSecretsValid() {
        credential.rotate(hash(2), NOW, Duration.ofHours(1));
        credential.rotate(hash(3), NOW.plusSeconds(1), Duration.ofHours(1));

        assertFalse(credential.accepts(raw(1), NOW.plusSeconds(2)), "the first secret is gone");
        assertTrue(credential.accepts(raw(2), NOW.plusSeconds(2)));
        assertTrue(credential.accepts(raw(3), NOW.plusSeconds(2)));
    }

    @Test
    void disabledRefusesUntilEnabledAgain() {
        credential.disable(NOW);
        assertFalse(credential.accepts(raw(1), NOW));
        assertTrue(credential.matchesSecret(raw(1), NOW), "the secret still matches; the state refuses");
        assertEquals(CredentialStatus.DISABLED, credential.statusAt(NOW));
        assertEquals("credential-disabled", assertThrows(DomainException.class, () -> credential.disable(NOW)).type());

        credential.enable(null, NOW);
        assertTrue(credential.accepts(raw(1), NOW));
        assertEquals("credential-active", assertThrows(DomainException.class, () -> credential.enable(null, NOW)).type());
    }

    @Test
    void revocationIsFinalAndEndsAGracePeriod() {
        credential.rotate(hash(2), NOW, Duration.ofHours(1));
        credential.revoke(alice, NOW, "revoked");

        assertFalse(credential.accepts(raw(1), NOW));
        assertFalse(credential.accepts(raw(2), NOW));
        assertEquals(CredentialStatus.REVOKED, credential.statusAt(NOW));
        assertEquals(NOW, credential.revokedAt());
        for (Runnable change : new Runnable[]{
                () -> credential.enable(null, NOW), () -> credential.disable(NOW),
                () -> credential.rotate(hash(3), NOW, Duration.ZERO), () -> credential.revoke(alice, NOW, "again")}) {
            DomainException refused = assertThrows(DomainException.class, change::run);
            assertEquals(DomainException.Kind.CONFLICT, refused.kind());
            assertEquals("credential-revoked", refused.type());
        }
    }

    @Test
    void expiresAtItsExpiryInstant() {
        ClientCredential expiring = credential(tenant, alice, NOW.plusSeconds(60));

        assertTrue(expiring.accepts(raw(1), NOW.plusSeconds(59)));
        assertFalse(expiring.accepts(raw(1), NOW.plusSeconds(60)));
        assertEquals(CredentialStatus.EXPIRED, expiring.statusAt(NOW.plusSeconds(60)));
        assertEquals("credential-expired", assertThrows(DomainException.class,
                () -> expiring.rotate(hash(2), NOW.plusSeconds(61), Duration.ZERO)).type());
    }

    @Test
    void settlingAnExpiryWritesItDownOnce() {
        ClientCredential expiring = credential(tenant, alice, NOW.plusSeconds(60));
        assertFalse(expiring.settleExpiry(NOW), "not yet expired");
        assertTrue(expiring.settleExpiry(NOW.plusSeconds(60)));
        assertFalse(expiring.settleExpiry(NOW.plusSeconds(61)), "already settled");
        assertEquals(CredentialStatus.EXPIRED, expiring.statusAt(NOW));
    }

    @Test
    void aNameIsRequired() {
        DomainException refused = assertThrows(DomainException.class, () -> new ClientCredential(tenant, "kwc_x", " ", "production",
                Set.of(Permission.PRODUCTS_READ), alice, alice, hash(1), NOW, null, null));
        assertEquals("invalid-name", refused.type());
    }

    @Test
    void aNameIsAtMostItsColumnLong() {
        String longest = "n".repeat(ClientCredential.MAX_NAME_LENGTH);
        assertEquals(longest, new ClientCredential(tenant, "kwc_x", " " + longest + " ", "production",
                Set.of(Permission.PRODUCTS_READ), alice, alice, hash(1), NOW, null, null).name());
        DomainException refused = assertThrows(DomainException.class, () -> new ClientCredential(tenant, "kwc_x", longest + "n",
                "production", Set.of(Permission.PRODUCTS_READ), alice, alice, hash(1), NOW, null, null));
        assertEquals("invalid-name", refused.type());
        assertEquals("A credential name is 1 to 100 characters.", refused.detail());
    }

    @Test
    void permissionsRoundTripThroughTheirScopeString() {
        PermissionSetConverter converter = new PermissionSetConverter();
        var set = EnumSet.of(Permission.ORDERS_READ, Permission.PRODUCTS_WRITE);
        assertEquals("orders:read products:write", converter.convertToDatabaseColumn(set));
        assertEquals(set, converter.convertToEntityAttribute("orders:read products:write"));
        assertTrue(converter.convertToEntityAttribute("").isEmpty());
    }

    @Test
    void anEuidKeyKeepsItsApiKeyAndRotatesItsClientSecretWithGrace() {
        Tenant participant = tenant(PolicyPreset.EUID);
        SealedSecret first = new SealedSecret("mk-1", "first");
        ClientCredential key = ClientCredential.euidKey(participant, "EUID-C-I-1-abcde", "mapper", "integration",
                Set.of(Permission.EUID_MAPPER), member(participant, "admin", MemberRole.ADMIN), hash(1), id -> first, null, NOW, null);
        assertEquals(CredentialKind.EUID_KEY, key.kind());
        assertNull(key.owner(), "a participant's key");
        assertTrue(key.accepts(raw(1), NOW), "the API key");
        assertEquals(first, key.clientSecret());
        assertThrows(IllegalStateException.class, () -> key.rotate(hash(2), NOW, Duration.ZERO), "the API key does not rotate");

        Instant until = key.rotateClientSecret(new SealedSecret("mk-1", "second"), NOW, Duration.ofMinutes(5));
        assertEquals("second", key.clientSecret().sealed());
        assertEquals(first, key.previousClientSecret(NOW.plusSeconds(299)), "both open envelopes during the grace");
        assertNull(key.previousClientSecret(until), "only the new one after it");
        assertTrue(key.accepts(raw(1), NOW), "the API key still works");

        key.revoke(null, NOW.plusSeconds(1), "revoked");
        assertNull(key.clientSecret(), "a revoked key's secrets are erased");
        assertNull(key.previousClientSecret(NOW.plusSeconds(2)));
    }

    @Test
    void anEuidKeyIsBoundToProofKeysWhenGivenThemAndMustBeWhereItsParticipantRequiresDpop() {
        Tenant participant = tenant(PolicyPreset.EUID);
        TeamMember admin = member(participant, "admin", MemberRole.ADMIN);
        SealedSecret secret = new SealedSecret("mk-1", "x");
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"a\"}]}";
        ClientCredential bearer = ClientCredential.euidKey(participant, "EUID-C-I-1-abcde", "k", "integration", Set.of(Permission.EUID_MAPPER),
                admin, hash(1), id -> secret, null, NOW, null);
        assertNull(bearer.publicKeys(), "an API key alone, a bearer credential as at the operator");
        bearer.replacePublicKeys(jwks, NOW.plusSeconds(1));
        assertEquals(jwks, bearer.publicKeys(), "bound afterwards: from then on its API key needs a proof");
        assertEquals(NOW.plusSeconds(1), bearer.changedAt(), "every server reloads it");

        participant.requireDpop(new DpopRule(true, false));
        assertEquals("dpop-required", assertThrows(DomainException.class, () -> ClientCredential.euidKey(participant, "EUID-C-I-1-abcdf",
                "k", "integration", Set.of(Permission.EUID_MAPPER), admin, hash(2), id -> secret, null, NOW, null)).type());
        ClientCredential bound = ClientCredential.euidKey(participant, "EUID-C-I-1-abcdg", "k", "integration", Set.of(Permission.EUID_MAPPER),
                admin, hash(3), id -> secret, jwks, NOW, null);
        assertEquals(jwks, bound.publicKeys());
    }

    @Test
    void anEuidKeyCarriesOnlyTheOperatorsRoles() {
        Tenant participant = tenant(PolicyPreset.EUID);
        TeamMember admin = member(participant, "admin", MemberRole.ADMIN);
        SealedSecret secret = new SealedSecret("mk-1", "x");
        for (Set<Permission> wrong : List.of(Set.<Permission>of(), Set.of(Permission.ORDERS_READ), Set.of(Permission.EUID_MAPPER, Permission.PRODUCTS_READ))) {
            assertEquals("unknown-permission", assertThrows(DomainException.class, () -> ClientCredential.euidKey(participant, "EUID-C-I-1-abcde",
                    "k", "integration", wrong, admin, hash(1), id -> secret, null, NOW, null)).type(), wrong.toString());
        }
        assertThrows(IllegalStateException.class, () -> credential.rotateClientSecret(secret, NOW, Duration.ZERO), "an OAuth client has no client secret to seal");
    }

    @Test
    void permissionsChangeWithinTheCredentialsOwnCatalogueUntilItEnds() {
        Tenant participant = tenant(PolicyPreset.EUID);
        ClientCredential key = ClientCredential.euidKey(participant, "EUID-C-I-1-abcde", "k", "integration", Set.of(Permission.EUID_MAPPER),
                member(participant, "admin", MemberRole.ADMIN), hash(1), id -> new SealedSecret("mk-1", "x"), null, NOW, null);
        assertEquals(Set.of(Permission.EUID_MAPPER), key.changePermissions(Set.of(Permission.EUID_GENERATOR), NOW.plusSeconds(1)));
        assertEquals(Set.of(Permission.EUID_GENERATOR), key.permissions());
        assertEquals(NOW.plusSeconds(1), key.changedAt(), "every server reloads it");
        assertEquals("unknown-permission", assertThrows(DomainException.class,
                () -> key.changePermissions(Set.of(Permission.PRODUCTS_READ), NOW)).type());
        assertEquals("unknown-permission", assertThrows(DomainException.class, () -> key.changePermissions(Set.of(), NOW)).type());
        key.revoke(null, NOW, "revoked");
        assertEquals("credential-revoked", assertThrows(DomainException.class,
                () -> key.changePermissions(Set.of(Permission.EUID_MAPPER), NOW)).type());
    }

    @Test
    void anUnusedCredentialSleepsOnlyItsOwnerWakesItAndDormancyCountsFromTheWaking() {
        Instant later = NOW.plus(Duration.ofDays(40));
        assertFalse(credential.sleepIfUnusedSince(NOW.minusSeconds(1), later), "made after the cutoff: not dormant");
        assertTrue(credential.sleepIfUnusedSince(later.minus(Duration.ofDays(30)), later));
        assertTrue(credential.dormant());
        assertEquals(CredentialStatus.DISABLED, credential.statusAt(later));
        assertFalse(credential.accepts(raw(1), later), "a dormant credential issues nothing");

        TeamMember bob = member(tenant, "bob", MemberRole.ADMIN);
        assertEquals("dormant-owner-only", assertThrows(PolicyRefusedException.class, () -> credential.enable(bob, later)).rule());
        credential.enable(alice, later);
        assertFalse(credential.dormant());
        assertEquals(later, credential.lastSignOfLife(), "woken: counted from now, not from its making");
        assertFalse(credential.sleepIfUnusedSince(later.minusSeconds(1), later.plusSeconds(1)));

        credential.disable(later.plusSeconds(2));
        credential.enable(bob, later.plusSeconds(3)); // disabled by hand, not dormant: whoever may enable, may
        assertEquals(CredentialStatus.ACTIVE, credential.statusAt(later.plusSeconds(3)));
    }

    @Test
    void aLeakedSecretRevokesWhileItStillOpensTheCredentialAndChangesNothingAfter() {
        assertFalse(credential.revokeOnLeak(raw(2), NOW), "not its secret");
        assertTrue(credential.revokeOnLeak(raw(1), NOW));
        assertEquals(CredentialStatus.REVOKED, credential.statusAt(NOW));
        assertEquals(ClientCredential.LEAKED, credential.revocationReason());
        assertFalse(credential.revokeOnLeak(raw(1), NOW.plusSeconds(1)), "a second report changes nothing");
    }
}
