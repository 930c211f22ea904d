package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.keyward.domain.Fixtures.NOW;
import static dev.keyward.domain.Fixtures.credential;
import static dev.keyward.domain.Fixtures.member;
import static dev.keyward.domain.Fixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each preset behaves as its seed document says. */
class CredentialPolicyTest {

    @Nested
    class ElasticPath {
        Tenant store = tenant(PolicyPreset.ELASTIC_PATH);
        CredentialPolicy policy = store.policy();
        TeamMember admin = member(store, "alice", MemberRole.ADMIN);
        TeamMember bob = member(store, "bob", MemberRole.MEMBER);
        TeamMember carol = member(store, "carol", MemberRole.MEMBER);

        @Test
        void everyPersonWithAccessHoldsOneCredentialOfTheirOwn() {
            assertDoesNotThrow(() -> policy.checkMayCreate(bob, false, 0));
            assertDoesNotThrow(() -> policy.checkMayCreate(admin, false, 0));
            PolicyRefusedException second = assertThrows(PolicyRefusedException.class, () -> policy.checkMayCreate(bob, false, 1));
            assertEquals(DomainException.Kind.CONFLICT, second.kind());
            assertEquals("one-active-credential", second.type());
            assertSame(bob, policy.ownerFor(bob));
            assertEquals(bob.id(), policy.activeSlotFor(bob));
        }

        @Test
        void permissionsFollowTheRoleAndAdminsIncludeIntrospection() {
            assertEquals(Permission.allOf(CredentialKind.OAUTH_CLIENT), policy.permissionsFor(MemberRole.ADMIN, Set.of()));
            assertFalse(policy.permissionsFor(MemberRole.ADMIN, Set.of()).contains(Permission.EUID_MAPPER), "no EUID role in a store");
            Set<Permission> member = policy.permissionsFor(MemberRole.MEMBER, null);
            assertFalse(member.contains(Permission.TOKENS_INTROSPECT));
            assertTrue(member.contains(Permission.PRODUCTS_WRITE));
            assertEquals("permissions-not-chosen", assertThrows(DomainException.class,
                    () -> policy.permissionsFor(MemberRole.MEMBER, Set.of(Permission.ORDERS_READ))).type());
        }

        @Test
        void adminsSeeAndChangeEveryonesCredentialsMembersOnlyTheirOwn() {
            ClientCredential bobs = credential(store, bob, null);
            assertTrue(policy.maySee(admin, bobs));
            assertDoesNotThrow(() -> policy.checkMayChange(admin, bobs, "revoke"));
            assertFalse(policy.maySee(carol, bobs));
            assertThrows(PolicyRefusedException.class, () -> policy.checkMayChange(carol, bobs, "revoke"));
        }

        @Test
        void removingAMemberRevokesTheirCredentialsAndTokensLastAnHour() {
            assertTrue(policy.revokesOnMemberRemoval());
            assertEquals(Duration.ofSeconds(3600), policy.tokenLifetime());
            assertNull(policy.expiryFor(NOW, null), "credentials do not expire");
        }

        @Test
        void aTenantMayShortenItsTokensButNotLengthenThem() {
            assertEquals("invalid-token-lifetime", assertThrows(DomainException.class, () -> policy.shortenTokens(3601)).type());
            assertEquals("invalid-token-lifetime", assertThrows(DomainException.class, () -> policy.shortenTokens(4)).type());
            assertEquals(Duration.ofSeconds(3600), policy.tokenLifetime(), "a refused change leaves the lifetime alone");
            policy.shortenTokens(300);
            assertEquals(Duration.ofSeconds(300), policy.tokenLifetime());
        }

        @Test
        void adminsManageMembersMembersDoNot() {
            assertDoesNotThrow(() -> policy.checkMayManageMembers(admin));
            assertThrows(PolicyRefusedException.class, () -> policy.checkMayManageMembers(bob));
        }

        @Test
        void inWords() {
            assertEquals(List.of(
                    "Credentials are held by super-admins and admins and members, each by its owner.",
                    "One active credential per person.",
                    "Credentials do not expire.",
                    "Access tokens last 3600 seconds.",
                    "A credential carries the permissions of its owner's role.",
                    "super-admins and admins may also rotate, disable or revoke others' credentials.",
                    "Removing a team member revokes their credentials.",
                    "Implicit tokens (client ID only) read the live storefront.",
                    "Team members are managed by super-admins and admins."), policy.inWords());
        }

        @Test
        void theWordsFollowAShortenedTokenLifetime() {
            policy.shortenTokens(300);
            assertTrue(policy.inWords().contains("Access tokens last 300 seconds."), policy.inWords().toString());
        }
    }

    @Nested
    class Sensedia {
        Tenant console = tenant(PolicyPreset.SENSEDIA);
        CredentialPolicy policy = console.policy();
        TeamMember alice = member(console, "alice", MemberRole.SUPER_ADMIN);
        TeamMember dave = member(console, "dave", MemberRole.SUPER_ADMIN);
        TeamMember carol = member(console, "carol", MemberRole.MEMBER);

        @Test
        void onlySuperAdminsHoldCredentials() {
            assertDoesNotThrow(() -> policy.checkMayCreate(alice, false, 0));
            PolicyRefusedException refused = assertThrows(PolicyRefusedException.class, () -> policy.checkMayCreate(carol, false, 0));
            assertEquals(DomainException.Kind.FORBIDDEN, refused.kind());
            assertEquals("holder-roles", refused.rule());
            assertTrue(refused.detail().contains("super-admins"), refused.detail());
        }

        @Test
        void oneActiveCredentialPerUser() {
            assertEquals("one-active-credential",
                    assertThrows(PolicyRefusedException.class, () -> policy.checkMayCreate(alice, false, 1)).type());
        }

        @Test
        void federatedLoginsCannotGenerateCredentials() {
            PolicyRefusedException refused = assertThrows(PolicyRefusedException.class, () -> policy.checkMayCreate(alice, true, 0));
            assertEquals("deny-federated-logins", refused.rule());
        }

        @Test
        void credentialsExpireAfter3650DaysAndTokensLastADay() {
            assertEquals(NOW.plus(Duration.ofDays(3650)), policy.expiryFor(NOW, null));
            assertEquals(Duration.ofSeconds(86400), policy.tokenLifetime());
            Instant earlier = NOW.plus(Duration.ofDays(30));
            assertEquals(earlier, policy.expiryFor(NOW, earlier), "an earlier expiry may be asked for");
            assertEquals("invalid-expiry", assertThrows(DomainException.class,
                    () -> policy.expiryFor(NOW, NOW.plus(Duration.ofDays(3651)))).type());
            assertEquals("invalid-expiry", assertThrows(DomainException.class, () -> policy.expiryFor(NOW, NOW)).type());
        }

        @Test
        void onlyTheOwnerRevokesTheirOwnCredential() {
            ClientCredential alices = credential(console, alice, null);
            assertTrue(policy.maySee(dave, alices), "super admins see each other's credentials");
            PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
                    () -> policy.checkMayChange(dave, alices, "revoke"));
            assertEquals("owner-only-changes", refused.rule());
            assertTrue(refused.detail().contains("alice"), refused.detail());
            assertDoesNotThrow(() -> policy.checkMayChange(alice, alices, "revoke"));
        }

        @Test
        void credentialsStopWorkingWhileTheOwnerHasMfa() {
            assertTrue(policy.refusesOwnerWithMfa());
            assertFalse(tenant(PolicyPreset.ELASTIC_PATH).policy().refusesOwnerWithMfa());
        }

        @Test
        void inWords() {
            assertEquals(List.of(
                    "Credentials are held by super-admins, each by its owner.",
                    "One active credential per person.",
                    "Credentials expire after 3650 days.",
                    "Access tokens last 86400 seconds.",
                    "A credential carries the permissions of its owner's role.",
                    "Only its owner rotates, disables or revokes a credential.",
                    "Credentials cannot be generated from a federated login.",
                    "Credentials stop working while their owner has MFA enabled.",
                    "Removing a team member revokes their credentials.",
                    "Team members are managed by super-admins."), policy.inWords());
        }
    }

    @Nested
    class Euid {
        Tenant participant = tenant(PolicyPreset.EUID);
        CredentialPolicy policy = participant.policy();
        TeamMember admin = member(participant, "alice", MemberRole.ADMIN);
        TeamMember bob = member(participant, "bob", MemberRole.MEMBER);

        @Test
        void theParticipantOwnsManyKeysMadeByAdmins() {
            assertDoesNotThrow(() -> policy.checkMayCreate(admin, false, 5));
            assertNull(policy.ownerFor(admin), "keys belong to the participant");
            assertNull(policy.activeSlotFor(null), "no one-active limit");
            assertThrows(PolicyRefusedException.class, () -> policy.checkMayCreate(bob, false, 0));
            assertFalse(policy.revokesOnMemberRemoval(), "keys outlive the people who made them");
        }

        @Test
        void eachKeyCarriesExactlyTheOperatorsRolesChosen() {
            assertEquals(CredentialKind.EUID_KEY, policy.credentialKind());
            assertEquals(EnumSet.of(Permission.EUID_MAPPER), policy.permissionsFor(MemberRole.ADMIN, Set.of(Permission.EUID_MAPPER)));
            assertEquals("permissions-required", assertThrows(DomainException.class,
                    () -> policy.permissionsFor(MemberRole.ADMIN, Set.of())).type());
            DomainException storePermission = assertThrows(DomainException.class,
                    () -> policy.permissionsFor(MemberRole.ADMIN, Set.of(Permission.EUID_GENERATOR, Permission.ORDERS_READ)));
            assertEquals("unknown-permission", storePermission.type());
            assertTrue(storePermission.detail().contains("[generator, mapper, id-reader, sharer, optout]"), storePermission.detail());
        }

        @Test
        void eachKeyBelongsToANamedEnvironment() {
            assertEquals(List.of("integration", "production"), participant.environments());
            assertEquals("integration", participant.environmentFor("integration"));
            assertEquals("environment-required", assertThrows(DomainException.class, () -> participant.environmentFor(null)).type());
            assertEquals("unknown-environment", assertThrows(DomainException.class, () -> participant.environmentFor("staging")).type());
        }

        @Test
        void adminsChangeTheParticipantsKeys() {
            ClientCredential key = credential(participant, null, admin, null);
            assertDoesNotThrow(() -> policy.checkMayChange(admin, key, "rotate"));
            assertFalse(policy.maySee(bob, key));
        }

        @Test
        void inWords() {
            assertEquals(List.of(
                    "Credentials are held by super-admins and admins, and belong to the tenant, not to a person.",
                    "Credentials do not expire.",
                    "Each key is an API key, sent as a bearer, and a client secret that never travels and encrypts every request and response;"
                            + " there are no access tokens.",
                    "Each credential's permissions are chosen when it is generated.",
                    "Each credential names its environment.",
                    "super-admins and admins may also rotate, disable or revoke others' credentials.",
                    "Removing a team member leaves the keys in place.",
                    "Team members are managed by super-admins and admins."), policy.inWords());
        }
    }

    @Test
    void rotationGraceDefaultsToAnHourAndIsBounded() {
        CredentialPolicy policy = tenant(PolicyPreset.ELASTIC_PATH).policy();
        assertEquals(Duration.ofHours(1), policy.rotationGrace(null));
        assertEquals(Duration.ZERO, policy.rotationGrace(0L));
        assertEquals("invalid-grace", assertThrows(DomainException.class, () -> policy.rotationGrace(-1L)).type());
        assertEquals("invalid-grace", assertThrows(DomainException.class,
                () -> policy.rotationGrace(Duration.ofDays(31).toSeconds())).type());
    }

    @Test
    void presetsAreNamedByTheirSlug() {
        assertEquals(PolicyPreset.SENSEDIA, PolicyPreset.fromSlug("sensedia"));
        DomainException unknown = assertThrows(DomainException.class, () -> PolicyPreset.fromSlug("aws"));
        assertTrue(unknown.detail().contains("elastic-path, sensedia, euid"), unknown.detail());
    }

    @Test
    void tenantSlugsAreUrlSafe() {
        assertEquals("invalid-slug", assertThrows(DomainException.class,
                () -> new Tenant("Bad Slug", "x", PolicyPreset.EUID, null, NOW)).type());
        assertEquals("invalid-environment", assertThrows(DomainException.class,
                () -> new Tenant("ok", "x", PolicyPreset.EUID, List.of("prod", "prod"), NOW)).type());
        assertEquals("invalid-environment", assertThrows(DomainException.class,
                () -> new Tenant("ok", "x", PolicyPreset.EUID, List.of(), NOW)).type(), "none at all: not the preset's defaults");
        List<String> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "env-" + "e".repeat(26) + i).toList();
        assertEquals("invalid-environment", assertThrows(DomainException.class,
                () -> new Tenant("ok", "x", PolicyPreset.EUID, eleven, NOW)).type(), "their list fits its column");
    }
}
