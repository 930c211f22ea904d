package dev.keyward.token.boundary;

import dev.keyward.throttle.RateUsage;
import java.time.Instant;

/**
 * A freshly signed access token, what the token response says about it, and what is left of the credential's rate limit;
 * {@code jkt}, the key it is bound to (DPoP), or null; {@code dpopNonce}, the nonce for the client's next proof, or null.
 */
public record IssuedToken(String accessToken, long expiresIn, Instant expires, String scope, String grant, String tenant,
                          RateUsage usage, String jkt, String dpopNonce) {

    public boolean isBound() {
        return jkt != null;
    }
}
