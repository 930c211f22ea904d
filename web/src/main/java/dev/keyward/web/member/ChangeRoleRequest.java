package dev.keyward.web.member;

/** {@code PATCH /api/v1/tenants/{slug}/members/{memberId}}. */
public record ChangeRoleRequest(String role) {
}
