package dev.keyward.access;

import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.tenant.CredentialPolicy;
import dev.keyward.domain.tenant.Tenant;

/** A caller's place in the tenant a request names. */
public record Membership(Tenant tenant, TeamMember member) {

    public CredentialPolicy policy() {
        return tenant.policy();
    }
}
