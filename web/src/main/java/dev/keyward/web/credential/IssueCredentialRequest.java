package dev.keyward.web.credential;

import java.time.Instant;
import java.util.Set;

/**
 * {@code POST /api/v1/tenants/{slug}/credentials}. Only {@code name} is always required; the policy says the rest. With
 * {@code jwks}, the credential has those public keys instead of a secret ({@code private_key_jwt}).
 */
public record IssueCredentialRequest(String name, String environment, Set<String> permissions, Instant expiresAt, JwksBody jwks) {
}
