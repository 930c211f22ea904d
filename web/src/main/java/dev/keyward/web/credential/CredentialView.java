package dev.keyward.web.credential;

import dev.keyward.credential.boundary.ClientCredentials;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import java.time.Instant;
import java.util.List;

/**
 * A credential as anyone allowed to see it sees it: never its secret nor any hash of it, only a hint
 * (prefix and last four characters) to tell which secret is which. An OAuth client has a {@code clientId}; an EUID key
 * has a {@code keyId} instead, and its hint is its API key's. {@code authentication}: how an OAuth client proves itself,
 * {@code client_secret} or {@code private_key_jwt} (then {@code publicKeyIds} names its registered keys and there is no
 * hint). {@code dormant}: disabled for going unused, which only its owner may undo.
 */
public record CredentialView(String id, String kind, String clientId, String keyId, String name, String environment, List<String> permissions,
                             Owner owner, String status, String secretHint, Instant createdAt, Instant expiresAt,
                             Instant rotatedAt, Instant lastUsedAt, Instant revokedAt, Instant previousSecretValidUntil,
                             RateLimitBody rateLimit, RateLimitBody rateLimitInEffect, boolean dormant,
                             String authentication, List<String> publicKeyIds) {

    public record Owner(String memberId, String username) {
    }

    public static CredentialView of(ClientCredential c, Instant now) {
        boolean euid = c.kind() == CredentialKind.EUID_KEY;
        return new CredentialView(c.id(), c.kind().slug(), euid ? null : c.clientId(), euid ? c.clientId() : null, c.name(), c.environment(), scopes(c),
                c.owner() == null ? null : new Owner(c.owner().id(), c.owner().username()), c.statusAt(now).slug(),
                c.secretHint(), c.createdAt(), c.expiresAt(), c.rotatedAt(), c.lastUsedAt(), c.revokedAt(),
                c.previousSecretValidUntil(now), RateLimitBody.of(c.ownRateLimit()), RateLimitBody.of(c.effectiveRateLimit()), c.dormant(),
                euid ? null : c.publicKeys() == null ? "client_secret" : "private_key_jwt", ClientCredentials.publicKeyIds(c));
    }

    static List<String> scopes(ClientCredential c) {
        return Permission.sortedScopes(c.permissions());
    }
}
