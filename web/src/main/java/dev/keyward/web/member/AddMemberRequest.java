package dev.keyward.web.member;

/** {@code POST /api/v1/tenants/{slug}/members}: an existing Keycloak user, by username. */
public record AddMemberRequest(String username, String role) {
}
