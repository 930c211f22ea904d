package dev.keyward.web.credential;

import java.util.Set;

/** {@code PUT /api/v1/tenants/{slug}/credentials/{id}/permissions}: the permissions the credential carries from now on. */
public record PermissionsBody(Set<String> permissions) {
}
