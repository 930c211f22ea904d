package dev.keyward.credential.boundary;

import dev.keyward.domain.credential.ClientCredential;
import java.time.Instant;

/**
 * A credential with its secret in clear: what creating or rotating returns, and the only time the secret
 * leaves Keyward. {@code previousSecretValidUntil} is set after a rotation with a grace period. An EUID key's
 * {@code clientSecret} is the base64 of its envelopes' AES-256 key, and {@code apiKey} its bearer secret, shown when
 * the key is created (a rotation changes the client secret only).
 */
public record IssuedSecret(ClientCredential credential, String clientSecret, String apiKey, Instant previousSecretValidUntil) {

    public IssuedSecret(ClientCredential credential, String clientSecret, Instant previousSecretValidUntil) {
        this(credential, clientSecret, null, previousSecretValidUntil);
    }

    @Override
    public String toString() {
        return "IssuedSecret[" + credential.clientId() + "]";   // never the secret
    }
}
