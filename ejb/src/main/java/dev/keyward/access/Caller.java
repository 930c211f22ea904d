package dev.keyward.access;

import dev.keyward.domain.audit.Actor;
import java.time.Instant;

/**
 * The person behind a management request, as the verified Keycloak access token describes them.
 * {@code operator} is the realm role that may create tenants; {@code federated} says the login came
 * through an identity provider; {@code authTime} is when the person last signed in (Keycloak's
 * {@code auth_time}, present for browser logins), or null.
 */
public record Caller(String subject, String username, String email, boolean operator, boolean federated, String sourceIp,
                     Instant authTime) {

    public Actor actor() {
        return new Actor(subject, username, sourceIp);
    }
}
