package dev.keyward.it;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Changes made in the real Keycloak the way an administrator makes them, through its admin API as the
 * bootstrap admin of the test Keycloak: what Keyward must notice on its own.
 */
public final class KeycloakAdmin {

    private static final Keycloak KEYCLOAK = KeycloakBuilder.builder().serverUrl(Http.KEYCLOAK).realm("master")
            .clientId("admin-cli").username("admin").password("admin").build();

    private KeycloakAdmin() {
    }

    public static RealmResource realm() {
        return KEYCLOAK.realm("keyward");
    }

    /** A new person with the dev password 'keyward', ready to log in; returns the username. */
    public static String newUser(String prefix) {
        UserRepresentation user = person(prefix);
        try (Response created = realm().users().create(user)) {
            if (created.getStatus() != 201) {
                throw new AssertionError("Keycloak did not create " + user.getUsername() + ": " + created.getStatus());
            }
        }
        return user.getUsername();
    }

    /**
     * A new person who has MFA: a password and an authenticator seeded with {@code otpSecret}, imported the
     * way a realm file seeds them; returns the username.
     */
    public static String newUserWithOtp(String prefix, String otpSecret) {
        UserRepresentation user = person(prefix);
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("phone");
        otp.setSecretData("{\"value\":\"" + otpSecret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        user.setCredentials(List.of(user.getCredentials().get(0), otp));
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setUsers(List.of(user));
        partial.setIfResourceExists("FAIL");
        try (Response imported = realm().partialImport(partial)) {
            if (imported.getStatus() != 200) {
                throw new AssertionError("Keycloak did not import " + user.getUsername() + ": " + imported.getStatus());
            }
        }
        return user.getUsername();
    }

    /** A person named after {@code prefix}, unique, with a verified e-mail and the dev password. */
    private static UserRepresentation person(String prefix) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        user.setEmail(user.getUsername() + "@example.test");
        user.setEmailVerified(true);
        user.setFirstName(prefix);
        user.setLastName("Tester");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("keyward");
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    /** An administrator removes the person's authenticator in Keycloak. */
    public static void removeOtp(String username) {
        UserResource user = user(username);
        user.credentials().stream().filter(c -> "otp".equals(c.getType()))
                .forEach(c -> user.removeCredential(c.getId()));
    }

    /** An administrator asks Keycloak to make the person do something at their next login. */
    public static void require(String username, String action) {
        UserResource user = user(username);
        UserRepresentation rep = user.toRepresentation();
        rep.setRequiredActions(List.of(action));
        user.update(rep);
    }

    public static UserResource user(String username) {
        return realm().users().get(realm().users().searchByUsername(username, true).get(0).getId());
    }

    public static String id(String username) {
        return realm().users().searchByUsername(username, true).get(0).getId();
    }

    public static void setEnabled(String username, boolean enabled) {
        UserResource user = user(username);
        UserRepresentation rep = user.toRepresentation();
        rep.setEnabled(enabled);
        user.update(rep);
    }

    public static void delete(String username) {
        try (Response deleted = realm().users().delete(id(username))) {
            if (deleted.getStatus() != 204) {
                throw new AssertionError("Keycloak did not delete " + username + ": " + deleted.getStatus());
            }
        }
    }

    /** A new realm role, returned by name. */
    public static String newRealmRole(String prefix) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        realm().roles().create(role);
        return role.getName();
    }

    public static void grant(String username, String role) {
        user(username).roles().realmLevel().add(List.of(realm().roles().get(role).toRepresentation()));
    }

    public static void withdraw(String username, String role) {
        user(username).roles().realmLevel().remove(List.of(realm().roles().get(role).toRepresentation()));
    }
}
