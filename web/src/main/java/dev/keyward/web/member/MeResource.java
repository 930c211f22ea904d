package dev.keyward.web.member;

import dev.keyward.member.boundary.Caller;
import dev.keyward.member.boundary.TeamMembers;
import dev.keyward.web.security.Callers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/me}: who the token says the caller is, and where they belong. */
@Path("api/v1/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @EJB
    TeamMembers members;

    @Inject
    Callers callers;

    public record MeView(String subject, String username, String email, boolean operator, boolean federated,
                         List<MembershipView> memberships) {
    }

    public record MembershipView(String tenant, String tenantName, String role, String memberId) {
    }

    @GET
    public MeView me() {
        Caller caller = callers.current();
        List<MembershipView> memberships = members.memberships(caller).stream()
                .map(m -> new MembershipView(m.tenant().slug(), m.tenant().name(), m.role().slug(), m.id())).toList();
        return new MeView(caller.subject(), caller.username(), caller.email(), caller.operator(), caller.federated(), memberships);
    }
}
