package dev.keyward.token.boundary;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.tenant.DpopRule;
import java.time.Instant;
import java.util.Set;

/**
 * A verified Keyward access token: what resource servers and introspection need from its claims.
 * {@code owner} is the Keycloak subject of a person's credential, or null for a tenant's key; {@code jkt} is the thumbprint
 * of the key the token is bound to (DPoP, RFC 9449: its {@code cnf} claim), or null for a bearer token; {@code dpop} is what
 * its tenant asks of DPoP now, read from its credential when the token was found alive (null before).
 */
public record AccessToken(String jti, String clientId, String tenant, String tenantId, String environment,
                          Set<Permission> permissions, String grant, Instant issuedAt, Instant expiresAt, String owner,
                          String issuer, String audience, String jkt, DpopRule dpop) {

    /**
     * The same token, with what its live credential says: the tenant's id (tokens carry only the slug) and the tenant's DPoP
     * rule.
     */
    public AccessToken withCredential(String tenantId, DpopRule tenantDpop) {
        return new AccessToken(jti, clientId, tenant, tenantId, environment, permissions, grant, issuedAt, expiresAt, owner, issuer,
                audience, jkt, tenantDpop);
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
