package dev.keyward.web.credential;

import dev.keyward.credential.boundary.IssuedSecret;
import java.time.Instant;
import java.util.List;

/**
 * The answer to creating or rotating a credential: the only response that ever holds {@code clientSecret}.
 * It is sent with {@code Cache-Control: no-store}. A credential registered with public keys has no secret:
 * {@code authentication} says {@code private_key_jwt} and {@code publicKeyIds} names its keys.
 */
public record IssuedCredential(String id, String clientId, String clientSecret, String name, String environment,
                               List<String> permissions, CredentialView.Owner owner, String status, Instant createdAt,
                               Instant expiresAt, Instant previousSecretValidUntil, String authentication, List<String> publicKeyIds) {

    public static IssuedCredential of(IssuedSecret issued, Instant now) {
        CredentialView v = CredentialView.of(issued.credential(), now);
        return new IssuedCredential(v.id(), v.clientId(), issued.clientSecret(), v.name(), v.environment(), v.permissions(),
                v.owner(), v.status(), v.createdAt(), v.expiresAt(), issued.previousSecretValidUntil(), v.authentication(), v.publicKeyIds());
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + clientId + "]";   // never the secret, even in a debug log
    }
}
