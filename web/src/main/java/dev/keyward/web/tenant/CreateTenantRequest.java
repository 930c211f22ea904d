package dev.keyward.web.tenant;

import dev.keyward.web.credential.RateLimitBody;
import java.util.List;

/**
 * {@code POST /api/v1/tenants}. Without {@code members}, the operator becomes the tenant's super admin.
 * {@code accessRole}, optional, names a Keycloak realm role members must hold for their credentials to work;
 * {@code disableUserOnRemoval} makes removing a member also disable their Keycloak account;
 * {@code freshMfaMinutes} asks admins for an MFA login that recent to create or rotate a credential (absent: the
 * preset's default, 15 for {@code elastic-path} and {@code euid}; 0: off); {@code tokenLifetimeSeconds} shortens the
 * preset's access-token lifetime (5 s at least; absent: the preset's); {@code rateLimit} limits each credential's
 * requests per second and per day (absent: unlimited); {@code dpop} what the tenant asks of DPoP (absent: tokens may be
 * bound to a key, none must).
 */
public record CreateTenantRequest(String slug, String name, String policy, List<String> environments,
                                  List<InitialMember> members, String accessRole, Boolean disableUserOnRemoval,
                                  Integer freshMfaMinutes, Integer tokenLifetimeSeconds, RateLimitBody rateLimit,
                                  Boolean breakGlassBySuperAdmins, Integer dormantAfterDays, List<Integer> expiryNoticeDays,
                                  DpopBody dpop) {

    public record InitialMember(String username, String role) {
    }
}
