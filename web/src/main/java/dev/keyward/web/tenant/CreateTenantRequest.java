package dev.keyward.web.tenant;

import java.util.List;

/** {@code POST /api/v1/tenants}. Without {@code members}, the operator becomes the tenant's super admin. */
public record CreateTenantRequest(String slug, String name, String policy, List<String> environments,
                                  List<InitialMember> members) {

    public record InitialMember(String username, String role) {
    }
}
