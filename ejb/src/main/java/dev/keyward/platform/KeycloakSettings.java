package dev.keyward.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Keycloak is, how Keyward signs in to it and how it checks the tokens Keycloak issues, read once from the
 * {@code keyward.keycloak.*} keys (and the {@code mp.jwt.verify.*} keys derived from them): the one place that knows
 * them, for the directory (its admin API), the management API's authentication, the console (where people log
 * in) and {@code /me} (where they manage their account).
 */
@ApplicationScoped
public class KeycloakSettings {

    @Inject
    @ConfigProperty(name = "keyward.keycloak.url")
    String url;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.internal-url")
    String internalUrl;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.realm")
    String realm;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.admin-client-id")
    String adminClientId;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.admin-client-secret")
    String adminClientSecret;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.connect-timeout")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.read-timeout")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "keyward.keycloak.max-concurrent-calls")
    int maxConcurrentCalls;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String tokenKeys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String tokenIssuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String tokenAudience;

    /** Keycloak as people's browsers reach it: the issuer of their tokens. */
    public String url() {
        return url;
    }

    /** Keycloak as this server reaches it (another name inside a container network, say). */
    public String internalUrl() {
        return internalUrl;
    }

    public String realm() {
        return realm;
    }

    public String adminClientId() {
        return adminClientId;
    }

    public String adminClientSecret() {
        return adminClientSecret;
    }

    /** Keycloak's account console, where people change their password and MFA. */
    public String accountConsole() {
        return url + "/realms/" + realm + "/account";
    }

    /** Where Keycloak publishes the keys its access tokens are signed with. */
    public String tokenKeys() {
        return tokenKeys;
    }

    /** The {@code iss} of people's access tokens: the realm. */
    public String tokenIssuer() {
        return tokenIssuer;
    }

    /** The {@code aud} a token must carry to be meant for Keyward's management API. */
    public String tokenAudience() {
        return tokenAudience;
    }

    /** How long a call to Keycloak may wait for a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a call to Keycloak may wait for its answer. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How many request threads may wait on Keycloak at once; the others are answered 503 at once. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }
}
