package dev.keyward.web.member;

import dev.keyward.access.Caller;
import dev.keyward.member.boundary.TeamMembers;
import dev.keyward.platform.KeycloakSettings;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/me}: who the token says the caller is, where they belong, whether Keycloak has MFA
 * configured for them, and where they change their password or MFA (Keycloak's account console).
 */
@ManagementApi
@Path("api/v1/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @EJB
    TeamMembers members;

    @Inject
    Callers callers;

    @Inject
    KeycloakSettings keycloak;



    public record MeView(String subject, String username, String email, boolean operator, boolean federated,
                         Boolean mfaConfigured, String accountConsole, List<MembershipView> memberships) {
    }

    public record MembershipView(String tenant, String tenantName, String role, String memberId) {
    }

    @GET
    public MeView me() {
        Caller caller = callers.current();
        List<MembershipView> memberships = members.memberships(caller).stream()
                .map(m -> new MembershipView(m.tenant().slug(), m.tenant().name(), m.role().slug(), m.id())).toList();
        Boolean mfa = members.mfaConfigured(caller).orElse(null);
        return new MeView(caller.subject(), caller.username(), caller.email(), caller.operator(), caller.federated(), mfa,
                keycloak.accountConsole(), memberships);
    }
}
