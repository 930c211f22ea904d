package dev.keyward.token.boundary;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.credential.Permission;
import java.time.Instant;
import java.util.Set;

/**
 * A verified Keyward access token: what resource servers and introspection need from its claims.
 * {@code owner} is the Keycloak subject of a person's credential, or null for a tenant's key.
 */
public record AccessToken(String jti, String clientId, String tenant, String tenantId, String environment,
                          Set<Permission> permissions, String grant, Instant issuedAt, Instant expiresAt, String owner,
                          String issuer, String audience) {

    /** The same token, with the tenant's id from its credential (tokens carry only the slug). */
    public AccessToken withTenantId(String id) {
        return new AccessToken(jti, clientId, tenant, id, environment, permissions, grant, issuedAt, expiresAt, owner, issuer, audience);
    }

    /** Who acted, for the audit trail: the client, from the caller's address. */
    public Actor actor(String sourceIp) {
        return new Actor(clientId, clientId, sourceIp);
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean isImplicit() {
        return AccessTokens.IMPLICIT.equals(grant);
    }
}
