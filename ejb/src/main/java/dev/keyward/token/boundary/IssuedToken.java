package dev.keyward.token.boundary;

import java.time.Instant;

/** A freshly signed access token and what the token response says about it. */
public record IssuedToken(String accessToken, long expiresIn, Instant expires, String scope, String grant) {
}
