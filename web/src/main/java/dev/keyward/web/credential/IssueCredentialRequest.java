package dev.keyward.web.credential;

import java.time.Instant;
import java.util.Set;

/** {@code POST /api/v1/tenants/{slug}/credentials}. Only {@code name} is always required; the policy says the rest. */
public record IssueCredentialRequest(String name, String environment, Set<String> permissions, Instant expiresAt) {
}
