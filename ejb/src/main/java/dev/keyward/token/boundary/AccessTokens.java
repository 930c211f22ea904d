package dev.keyward.token.boundary;

import dev.keyward.credential.control.SecretFormat;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.credential.Permission;
import dev.keyward.token.control.CredentialCache;
import dev.keyward.token.control.CredentialSnapshot;
import dev.keyward.token.control.TokenSigner;
import dev.keyward.token.control.UsageRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exchanges client credentials for access tokens (RFC 6749 §4.4). A plain CDI bean, not an EJB: the
 * token endpoint is the hot path, needs no transaction, and reads credentials from a cache.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String CLIENT_CREDENTIALS = "client_credentials";

    @Inject
    CredentialCache credentials;

    @Inject
    SecretHasher hasher;

    @Inject
    TokenSigner signer;

    @Inject
    UsageRecorder usage;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "keyward.token.audience", defaultValue = "keyward")
    String audience;

    /**
     * Checks the client ID and secret and issues a token with the credential's permissions, or the subset
     * {@code scope} asks for. An unknown client and a wrong secret get the same answer; a state that only
     * the secret's holder can learn (disabled, revoked, expired) is told to them once they have proved it.
     */
    public IssuedToken clientCredentials(String clientId, String secret, String scope) {
        if (clientId == null || secret == null || !SecretFormat.isWellFormed(secret)) {
            throw OAuthError.invalidClient();
        }
        Instant now = clock.instant();
        CredentialSnapshot credential = credentials.find(clientId).orElseThrow(OAuthError::invalidClient);
        if (!credential.matchesSecret(hasher.hash(secret), now)) {
            throw OAuthError.invalidClient();
        }
        CredentialStatus status = credential.statusAt(now);
        if (status != CredentialStatus.ACTIVE) {
            throw new OAuthError("invalid_client", "This credential is " + status.slug() + ".");
        }
        if (!credential.ownerActive()) {
            throw new OAuthError("invalid_client", "The credential's owner is no longer a member of the tenant.");
        }
        if (credential.refusesOwnerWithMfa() && credential.ownerMfa()) {
            throw new OAuthError("invalid_client",
                    "This tenant's credentials do not work while their owner has MFA enabled in Keycloak.");
        }
        Set<Permission> granted = narrow(credential.permissions(), scope);
        long lifetime = credential.tokenLifetime().toSeconds();
        Instant expires = now.plusSeconds(lifetime);
        String scopes = granted.stream().map(Permission::scope).sorted().collect(Collectors.joining(" "));

        JsonArrayBuilder aud = signer.json().createArrayBuilder().add(audience);
        JsonObjectBuilder claims = signer.json().createObjectBuilder()
                .add("iss", issuer)
                .add("sub", credential.clientId())
                .add("aud", aud)
                .add("client_id", credential.clientId())
                .add("iat", now.getEpochSecond())
                .add("exp", expires.getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .add("scope", scopes)
                .add("tenant", credential.tenantSlug())
                .add("environment", credential.environment())
                .add("grant", CLIENT_CREDENTIALS);
        if (credential.ownerSubject() != null) {
            claims.add("owner", credential.ownerSubject());
        }
        String token = signer.sign(claims.build());
        usage.used(credential.clientId(), now);
        return new IssuedToken(token, lifetime, expires, scopes, CLIENT_CREDENTIALS);
    }

    private static Set<Permission> narrow(Set<Permission> held, String scope) {
        if (scope == null || scope.isBlank()) {
            return held;
        }
        EnumSet<Permission> asked = EnumSet.noneOf(Permission.class);
        for (String s : scope.trim().split(" +")) {
            Permission p = Arrays.stream(Permission.values()).filter(x -> x.scope().equals(s)).findFirst()
                    .orElseThrow(() -> new OAuthError("invalid_scope", "Unknown scope '" + s + "'."));
            if (!held.contains(p)) {
                throw new OAuthError("invalid_scope", "This credential does not hold '" + s + "'.");
            }
            asked.add(p);
        }
        return asked;
    }
}
