package dev.keyward.member.control;

import dev.keyward.domain.shared.DomainException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The only class that talks to Keycloak's admin API. It signs in as the confidential {@code keyward-admin}
 * client (a service account with the realm-management roles it needs) and reads people: never a
 * password, which stays in Keycloak.
 */
@ApplicationScoped
public class KeycloakDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class.getName());
    private static final Set<String> MFA_TYPES = Set.of(CredentialRepresentation.TOTP, "otp", "webauthn", "webauthn-passwordless");

    @Inject
    @ConfigProperty(name = "keyward.keycloak.internal-url")
    String serverUrl;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.realm")
    String realmName;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.admin-client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.admin-client-secret")
    String clientSecret;

    private volatile Keycloak keycloak;

    public Optional<DirectoryUser> findByUsername(String username) {
        return call(() -> {
            List<UserRepresentation> found = realm().users().searchByUsername(username, true);
            return found.stream().findFirst().map(this::describe);
        });
    }

    public Optional<DirectoryUser> findBySubject(String subject) {
        return call(() -> {
            try {
                return Optional.of(describe(realm().users().get(subject).toRepresentation()));
            } catch (NotFoundException gone) {
                return Optional.empty();
            }
        });
    }

    private DirectoryUser describe(UserRepresentation user) {
        UserResource resource = realm().users().get(user.getId());
        boolean federated = !resource.getFederatedIdentity().isEmpty();
        boolean mfa = resource.credentials().stream().anyMatch(c -> MFA_TYPES.contains(c.getType()));
        return new DirectoryUser(user.getId(), user.getUsername(), user.getEmail(),
                Boolean.TRUE.equals(user.isEnabled()), federated, mfa);
    }

    private <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ProcessingException | WebApplicationException e) {
            LOG.log(Level.WARNING, "Keycloak's admin API did not answer as expected", e);
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "directory-unavailable",
                    "Keycloak is not reachable", "Keyward could not reach Keycloak to look the person up; try again shortly.");
        }
    }

    private RealmResource realm() {
        Keycloak client = keycloak;
        if (client == null) {
            synchronized (this) {
                if (keycloak == null) {
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(serverUrl)
                            .realm(realmName)
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(clientId)
                            .clientSecret(clientSecret)
                            .build();
                }
                client = keycloak;
            }
        }
        return client.realm(realmName);
    }

    @PreDestroy
    void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
