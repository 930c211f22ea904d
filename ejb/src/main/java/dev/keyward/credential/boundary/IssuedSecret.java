package dev.keyward.credential.boundary;

import dev.keyward.domain.credential.ClientCredential;
import java.time.Instant;

/**
 * A credential with its secret in clear: what creating or rotating returns, and the only time the secret
 * leaves Keyward. {@code previousSecretValidUntil} is set after a rotation with a grace period.
 */
public record IssuedSecret(ClientCredential credential, String clientSecret, Instant previousSecretValidUntil) {

    @Override
    public String toString() {
        return "IssuedSecret[" + credential.clientId() + "]";   // never the secret
    }
}
