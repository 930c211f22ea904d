package dev.keyward.web.member;

import dev.keyward.domain.member.Invitation;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.member.boundary.Invitations;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;

/**
 * Invitations to a tenant's team: invite by e-mail with a role ({@code POST}), list, re-send, cancel
 * ({@code DELETE}). Keycloak sends the e-mail; the invitee becomes a member on their first call to Keyward.
 */
@ManagementApi
@Path("api/v1/tenants/{slug}/invitations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    @EJB
    Invitations invitations;

    @Inject
    Callers callers;

    @Inject
    Clock clock;

    @Context
    UriInfo uri;

    @PathParam("slug")
    String slug;

    @GET
    public List<InvitationView> list() {
        return invitations.list(slug, callers.current()).stream().map(this::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(InviteRequest body) {
        Validation.of(body).require("email", body.email(), 320).require("role", body.role(), 16).done();
        Invitation invitation = invitations.invite(slug, callers.current(), body.email(), MemberRole.fromSlug(body.role()));
        return Response.created(uri.getAbsolutePathBuilder().path(invitation.id()).build()).entity(view(invitation)).build();
    }

    @POST
    @Path("{id}/resend")
    public InvitationView resend(@PathParam("id") String id) {
        return view(invitations.resend(slug, callers.current(), id));
    }

    @DELETE
    @Path("{id}")
    public InvitationView cancel(@PathParam("id") String id) {
        return view(invitations.cancel(slug, callers.current(), id));
    }

    private InvitationView view(Invitation i) {
        return InvitationView.of(i, clock.instant());
    }
}
