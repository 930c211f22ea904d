package dev.keyward.web.tenant;

import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.tenant.boundary.Tenants;
import dev.keyward.web.credential.RateLimitBody;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@ManagementApi
@Path("api/v1/tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    @EJB
    Tenants tenants;

    @Inject
    Callers callers;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateTenantRequest body) {
        Validation v = Validation.of(body)
                .require("slug", body.slug(), 63)
                .require("name", body.name(), 200)
                .require("policy", body.policy(), 32);
        List<CreateTenantRequest.InitialMember> members = body.members() == null ? List.of() : body.members();
        for (int i = 0; i < members.size(); i++) {
            CreateTenantRequest.InitialMember m = members.get(i);
            v.check(m != null && m.username() != null && !m.username().isBlank(), "members[" + i + "].username", "is required");
            v.check(m != null && m.role() != null, "members[" + i + "].role", "is required");
        }
        v.done();
        List<Tenants.Founder> team = members.stream()
                .map(m -> new Tenants.Founder(m.username(), MemberRole.fromSlug(m.role()))).toList();
        Tenant tenant = tenants.create(callers.current(), body.slug(), body.name(), body.policy(), body.environments(),
                new Tenants.Options(body.accessRole(), Boolean.TRUE.equals(body.disableUserOnRemoval()), body.freshMfaMinutes(),
                        body.tokenLifetimeSeconds(), body.rateLimit() == null ? RateLimit.NONE : body.rateLimit().toLimit(),
                        Boolean.TRUE.equals(body.breakGlassBySuperAdmins()), body.dormantAfterDays(), body.expiryNoticeDays(),
                        body.dpop() == null ? DpopRule.OPTIONAL : body.dpop().toRule()), team);
        return Response.created(uri.getAbsolutePathBuilder().path(tenant.slug()).build()).entity(TenantView.of(tenant)).build();
    }

    /** The rate limit of the tenant's credentials that have none of their own ({@code {}}: none). */
    @PUT
    @Path("{slug}/rate-limit")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantView limitRate(@PathParam("slug") String slug, RateLimitBody body) {
        Validation.of(body);
        return TenantView.of(tenants.limitRate(callers.current(), slug, body.toLimit()));
    }

    /**
     * What the tenant asks of DPoP (RFC 9449): {@code required}, every access token bound to its client's key (bearer tokens
     * already issued stop working at once); {@code nonce}, every proof carrying the server's nonce.
     */
    @PUT
    @Path("{slug}/dpop")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantView requireDpop(@PathParam("slug") String slug, DpopBody body) {
        Validation.of(body);
        return TenantView.of(tenants.requireDpop(callers.current(), slug, body.toRule()));
    }

    @GET
    @Path("{slug}")
    public TenantView get(@PathParam("slug") String slug) {
        return TenantView.of(tenants.get(callers.current(), slug));
    }
}
