package dev.keyward.token.boundary;

import dev.keyward.throttle.RateUsage;
import java.time.Instant;

/** A freshly signed access token, what the token response says about it, and what is left of the credential's rate limit. */
public record IssuedToken(String accessToken, long expiresIn, Instant expires, String scope, String grant, String tenant,
                          RateUsage usage) {
}
