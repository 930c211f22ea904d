package dev.keyward.web.credential;

import dev.keyward.credential.boundary.IssuedSecret;
import java.time.Instant;
import java.util.List;

/**
 * The answer to creating an EUID key, the only response that holds its {@code apiKey}, and to rotating it, the only one
 * that holds its new {@code clientSecret} (a rotation leaves the API key as it is, so {@code apiKey} is then absent).
 * Sent with {@code Cache-Control: no-store}. {@code publicKeyIds}: the keys a key bound by DPoP takes proofs from (absent
 * for a bearer API key).
 */
public record IssuedEuidKey(String id, String keyId, String apiKey, String clientSecret, String name, String environment,
                            List<String> permissions, String status, Instant createdAt, Instant expiresAt,
                            Instant previousSecretValidUntil, List<String> publicKeyIds) {

    public static IssuedEuidKey of(IssuedSecret issued, Instant now) {
        CredentialView v = CredentialView.of(issued.credential(), now);
        return new IssuedEuidKey(v.id(), v.keyId(), issued.apiKey(), issued.clientSecret(), v.name(), v.environment(), v.permissions(),
                v.status(), v.createdAt(), v.expiresAt(), issued.previousSecretValidUntil(), v.publicKeyIds());
    }

    @Override
    public String toString() {
        return "IssuedEuidKey[" + keyId + "]";   // never the secrets
    }
}
