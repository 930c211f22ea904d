package dev.keyward.web.member;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.member.boundary.TeamMembers;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@ManagementApi
@Path("api/v1/tenants/{slug}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TeamMembersResource {

    @EJB
    TeamMembers members;

    @Inject
    Callers callers;

    @Context
    UriInfo uri;

    @PathParam("slug")
    String slug;

    @GET
    public List<MemberView> list() {
        return members.list(slug, callers.current()).stream().map(MemberView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AddMemberRequest body) {
        Validation.of(body).require("username", body.username(), 255).require("role", body.role(), 16).done();
        TeamMember member = members.add(slug, callers.current(), body.username().strip(), MemberRole.fromSlug(body.role()));
        return Response.created(uri.getAbsolutePathBuilder().path(member.id()).build()).entity(MemberView.of(member)).build();
    }

    @PATCH
    @Path("{memberId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemberView changeRole(@PathParam("memberId") String memberId, ChangeRoleRequest body) {
        Validation.of(body).require("role", body.role(), 16).done();
        return MemberView.of(members.changeRole(slug, callers.current(), memberId, MemberRole.fromSlug(body.role())));
    }

    /** Removes the member; the response says how many of their credentials the tenant's policy revoked. */
    @DELETE
    @Path("{memberId}")
    public RemovedMember remove(@PathParam("memberId") String memberId) {
        return new RemovedMember(memberId, members.remove(slug, callers.current(), memberId));
    }

    public record RemovedMember(String id, int credentialsRevoked) {
    }
}
