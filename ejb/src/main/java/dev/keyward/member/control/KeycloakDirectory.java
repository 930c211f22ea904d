package dev.keyward.member.control;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.platform.Bulkhead;
import dev.keyward.platform.KeycloakSettings;
import dev.keyward.platform.QuietLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.ClientBuilderWrapper;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The only class that talks to Keycloak's admin API. It signs in as the confidential {@code keyward-admin}
 * client (a service account with the realm-management roles it needs) and reads people: never a
 * password, which stays in Keycloak.
 */
@ApplicationScoped
public class KeycloakDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class.getName());
    /** One line a minute while Keycloak is down, not a stack trace a call. */
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));
    private static final Duration BULKHEAD_WAIT = Duration.ofMillis(200);
    private static final Set<String> RELEVANT_ADMIN_RESOURCES = Set.of("USER", "REALM_ROLE_MAPPING", "GROUP_MEMBERSHIP",
            "GROUP", "REALM_ROLE", "CLIENT_ROLE_MAPPING");
    private static final List<String> RELEVANT_USER_EVENTS = List.of("UPDATE_TOTP", "REMOVE_TOTP", "UPDATE_CREDENTIAL",
            "REMOVE_CREDENTIAL", "DELETE_ACCOUNT", "UPDATE_PROFILE", "FEDERATED_IDENTITY_LINK", "REMOVE_FEDERATED_IDENTITY");
    private static final Set<String> MFA_TYPES = Set.of(CredentialRepresentation.TOTP, "otp", "webauthn", "webauthn-passwordless");





    @Inject
    KeycloakSettings settings;

    private volatile Keycloak keycloak;
    private Bulkhead bulkhead;

    @PostConstruct
    void start() {
        bulkhead = new Bulkhead(settings.maxConcurrentCalls(), BULKHEAD_WAIT);
    }

    public Optional<DirectoryUser> findByUsername(String username) {
        return call(() -> {
            try {
                List<UserRepresentation> found = realm().users().searchByUsername(username, true);
                return found.stream().findFirst().map(this::describe);
            } catch (BadRequestException refused) {
                throw refusedByKeycloak(); // the username a client sent is wrong: its 400, not an outage
            }
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

    /** The Keycloak user an invitation is for: found by e-mail, or made now ({@code created}). */
    public record Invitee(String subject, boolean created, boolean hasPassword) {
    }

    /**
     * Finds the person with this e-mail, or creates them with nothing but the address: no password (they
     * choose it on Keycloak's page, and Keyward never sees it), and the actions a new member must take.
     */
    public Invitee findOrCreateInvitee(String email) {
        return call(() -> {
            List<UserRepresentation> found = realm().users().searchByEmail(email, true);
            if (!found.isEmpty()) {
                UserRepresentation user = found.get(0);
                boolean password = realm().users().get(user.getId()).credentials().stream()
                        .anyMatch(c -> CredentialRepresentation.PASSWORD.equals(c.getType()));
                return new Invitee(user.getId(), false, password);
            }
            UserRepresentation user = new UserRepresentation();
            user.setUsername(email);
            user.setEmail(email);
            user.setEmailVerified(false);
            user.setEnabled(true);
            user.setRequiredActions(NEW_MEMBER_ACTIONS);
            try (Response created = realm().users().create(user)) {
                if (created.getStatus() == 409) {
                    throw new DomainException(DomainException.Kind.CONFLICT, "invitee-exists", "Already in Keycloak",
                            "Keycloak already has a person with that username; invite them by the e-mail address Keycloak knows.");
                }
                if (created.getStatus() == 400) {
                    throw refusedByKeycloak();
                }
                if (created.getStatus() != 201) {
                    throw unavailable(new IllegalStateException("Keycloak answered " + created.getStatus() + " to creating the invitee"));
                }
                String location = created.getLocation().getPath();
                return new Invitee(location.substring(location.lastIndexOf('/') + 1), true, false);
            }
        });
    }

    /**
     * Has Keycloak e-mail the person a link to take {@code actions} (its execute-actions e-mail), valid for
     * {@code lifespan}, ending on {@code redirectUri} of the console client.
     */
    public void sendActions(String subject, List<String> actions, Duration lifespan, String clientId, String redirectUri) {
        call(() -> {
            realm().users().get(subject).executeActionsEmail(clientId, redirectUri, (int) lifespan.toSeconds(), actions);
            return null;
        });
    }

    /** Disables the person's Keycloak account: they can no longer log in anywhere in the realm. */
    public void disable(String subject) {
        call(() -> {
            UserResource user = realm().users().get(subject);
            UserRepresentation rep = user.toRepresentation();
            rep.setEnabled(false);
            user.update(rep);
            return null;
        });
    }

    /** The actions Keycloak asks of someone invited who had no account: confirm the address, say who they are, choose a password. */
    public static final List<String> NEW_MEMBER_ACTIONS = List.of("VERIFY_EMAIL", "UPDATE_PROFILE", "UPDATE_PASSWORD");

    private DirectoryUser describe(UserRepresentation user) {
        UserResource resource = realm().users().get(user.getId());
        boolean mfa = resource.credentials().stream().anyMatch(c -> MFA_TYPES.contains(c.getType()));
        Set<String> roles = resource.roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName)
                .collect(Collectors.toUnmodifiableSet());
        return new DirectoryUser(user.getId(), user.getUsername(), user.getEmail(),
                Boolean.TRUE.equals(user.isEnabled()), mfa, roles);
    }

    /**
     * The events of both of Keycloak's feeds (admin events and user events) newer than {@code since}
     * (epoch milliseconds), oldest first, at most {@code max} of each. Only events that can change what
     * Keyward knows about people: users changed, deleted, their roles, groups and credentials.
     */
    public Events eventsSince(long since, int max) {
        return call(() -> {
            List<DirectoryEvent> events = new ArrayList<>();
            // both feeds answer newest first; a full page whose oldest entry is still newer than 'since' may hide more
            List<AdminEventRepresentation> admin = realm().getAdminEvents(null, null, null, null, null, null, null, null, 0, max);
            for (AdminEventRepresentation e : admin) {
                if (e.getTime() > since && e.getError() == null && RELEVANT_ADMIN_RESOURCES.contains(e.getResourceType())) {
                    events.add(new DirectoryEvent(e.getId(), e.getTime(), userIn(e.getResourcePath()),
                            e.getResourceType() + " " + e.getOperationType()));
                }
            }
            List<EventRepresentation> user = realm().getEvents(RELEVANT_USER_EVENTS, null, null, null, null, null, 0, max);
            for (EventRepresentation e : user) {
                if (e.getTime() > since && e.getUserId() != null) {
                    events.add(new DirectoryEvent(e.getId(), e.getTime(), e.getUserId(), e.getType()));
                }
            }
            events.sort(Comparator.comparingLong(DirectoryEvent::time));
            boolean complete = (admin.size() < max || admin.get(admin.size() - 1).getTime() <= since)
                    && (user.size() < max || user.get(user.size() - 1).getTime() <= since);
            return new Events(events, complete);
        });
    }

    /** Events from Keycloak's feeds; {@code complete} is false when a page filled up and older ones may be missing. */
    public record Events(List<DirectoryEvent> events, boolean complete) {
    }

    /** The user a resource path like {@code users/ID/role-mappings/realm} is about; null for anything else. */
    static String userIn(String resourcePath) {
        if (resourcePath == null || !resourcePath.startsWith("users/")) {
            return null;
        }
        int end = resourcePath.indexOf('/', 6);
        return resourcePath.substring(6, end < 0 ? resourcePath.length() : end);
    }

    /**
     * Every call to Keycloak passes here: at most {@code keyward.keycloak.max-concurrent-calls} at once (a bulkhead,
     * so that a slow or frozen Keycloak holds a few request threads, never all of them), each of its requests to
     * Keycloak (a call makes one to four) bounded by the client's connect and read timeouts. A call that finds the
     * bulkhead full, or that Keycloak does not answer in time, is a 503.
     */
    private <T> T call(Supplier<T> work) {
        return bulkhead.run(() -> {
            try {
                return work.get();
            } catch (ProcessingException | WebApplicationException e) {
                throw unavailable(e);
            }
        }, () -> unavailable(new IllegalStateException("every permitted call to Keycloak is still waiting for it")));
    }

    private static DomainException refusedByKeycloak() {
        return DomainException.invalid("rejected-by-keycloak", "Keycloak does not take that username or e-mail address.");
    }

    private DomainException unavailable(RuntimeException cause) {
        FAILURES.warn("Keycloak's admin API did not answer as expected", cause);
        return new DomainException(DomainException.Kind.UNAVAILABLE, "directory-unavailable",
                "Keycloak is not reachable", "Keyward could not reach Keycloak to look the person up; try again shortly.");
    }

    private RealmResource realm() {
        Keycloak client = keycloak;
        if (client == null) {
            synchronized (this) {
                if (keycloak == null) {
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(settings.internalUrl())
                            .realm(settings.realm())
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(settings.adminClientId())
                            .clientSecret(settings.adminClientSecret())
                            // the admin client's own client (its JSON mapping), with timeouts on every request, so a
                            // hung Keycloak holds a caller for a bounded time
                            .resteasyClient(ClientBuilderWrapper.create(null, false)
                                    .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                    .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                    .register(JacksonProvider.class, 100)
                                    .build())
                            .build();
                }
                client = keycloak;
            }
        }
        return client.realm(settings.realm());
    }

    @PreDestroy
    void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
