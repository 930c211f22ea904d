package dev.keyward.web.member;

/** {@code POST /api/v1/tenants/{slug}/invitations}: a person by e-mail, and the role they will have. */
public record InviteRequest(String email, String role) {
}
