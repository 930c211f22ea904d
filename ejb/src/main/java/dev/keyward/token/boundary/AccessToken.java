package dev.keyward.token.boundary;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.credential.Permission;
import java.time.Instant;
import java.util.Set;

/**
 * A verified Keyward access token: what resource servers and introspection need from its claims.
 * {@code owner} is the Keycloak subject of a person's credential, or null for a tenant's key; {@code jkt} is the thumbprint
 * of the key the token is bound to (DPoP, RFC 9449: its {@code cnf} claim), or null for a bearer token.
 */
public record AccessToken(String jti, String clientId, String tenant, String tenantId, String environment,
                          Set<Permission> permissions, String grant, Instant issuedAt, Instant expiresAt, String owner,
                          String issuer, String audience, String jkt) {

    /** The same token, with the tenant's id from its credential (tokens carry only the slug). */
    public AccessToken withTenantId(String id) {
        return new AccessToken(jti, clientId, tenant, id, environment, permissions, grant, issuedAt, expiresAt, owner, issuer, audience, jkt);
    }

    /** Who acted, for the audit trail: the client, from the caller's address. */
    public Actor actor(String sourceIp) {
        return new Actor(clientId, clientId, sourceIp);
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether the token is bound to a key: usable only with a DPoP proof signed by that key. */
    public boolean isBound() {
        return jkt != null;
    }

    public boolean isImplicit() {
        return AccessTokens.IMPLICIT.equals(grant);
    }
}
