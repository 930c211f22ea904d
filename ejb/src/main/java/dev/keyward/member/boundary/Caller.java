package dev.keyward.member.boundary;

import dev.keyward.domain.audit.Actor;

/**
 * The person behind a management request, as the verified Keycloak access token describes them.
 * {@code operator} is the realm role that may create tenants; {@code federated} says the login came
 * through an identity provider.
 */
public record Caller(String subject, String username, String email, boolean operator, boolean federated, String sourceIp) {

    public Actor actor() {
        return new Actor(subject, username, sourceIp);
    }
}
