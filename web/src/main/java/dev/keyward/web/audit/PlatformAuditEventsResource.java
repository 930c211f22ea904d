package dev.keyward.web.audit;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static dev.keyward.web.audit.AuditEventsResource.action;
import static dev.keyward.web.audit.AuditEventsResource.instant;

/**
 * The platform's own audit trail, for operators: events that belong to no tenant (the signing keys'). The
 * same filters and pages as a tenant's trail.
 */
@ManagementApi
@Path("api/v1/audit-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAuditEventsResource {

    @EJB
    AuditTrail audit;

    @Inject
    Callers callers;

    @GET
    public AuditEventsResource.Page list(@QueryParam("type") String type, @QueryParam("actor") String actor,
                                         @QueryParam("since") String since, @QueryParam("until") String until,
                                         @QueryParam("offset") @DefaultValue("0") int offset,
                                         @QueryParam("limit") @DefaultValue("50") int limit) {
        var page = AuditEventsResource.Page.bounds(offset, limit);
        return page.with(audit.listPlatform(callers.current(), action(type), actor, instant("since", since), instant("until", until),
                page.offset(), page.limit()));
    }

    /** The platform's whole chain, as a tenant's export. */
    @GET
    @Path("export")
    @Produces({AuditExport.JSON_LINES, AuditExport.CSV, MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") String format) {
        var caller = callers.current();
        audit.requireOperator(caller);
        return AuditExport.stream(format, "keyward-audit-platform", sink -> audit.exportPlatform(caller, sink));
    }

    /** Walks the platform's stored chain. */
    @GET
    @Path("verify")
    public AuditExport.Verification verify() {
        return AuditExport.Verification.of(audit.verifyPlatform(callers.current()));
    }
}
