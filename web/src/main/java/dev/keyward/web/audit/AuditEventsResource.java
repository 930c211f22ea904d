package dev.keyward.web.audit;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.tenant.boundary.Tenants;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The tenant's audit trail, for its members: newest first, filterable by type ({@code credential.revoked}),
 * actor (username) and time, paginated with {@code offset} and {@code limit} (at most 200). The whole chain, oldest first
 * with its hashes, comes from {@code export} (JSON Lines or CSV), and {@code verify} walks the stored chain.
 */
@ManagementApi
@Path("api/v1/tenants/{slug}/audit-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventsResource {

    @EJB
    AuditTrail audit;

    @EJB
    Tenants tenants;

    @Inject
    Callers callers;

    /** One page of events; at most 200 a page. */
    public record Page(List<AuditEventView> events, int offset, int limit) {

        static Page bounds(int offset, int limit) {
            return new Page(List.of(), Math.max(0, offset), Math.max(1, Math.min(limit, 200)));
        }

        Page with(List<AuditEvent> found) {
            return new Page(found.stream().map(AuditEventView::of).toList(), offset, limit);
        }
    }

    @GET
    public Page list(@PathParam("slug") String slug, @QueryParam("type") String type, @QueryParam("actor") String actor,
                     @QueryParam("since") String since, @QueryParam("until") String until,
                     @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
        var tenant = tenants.get(callers.current(), slug);
        var page = Page.bounds(offset, limit);
        return page.with(audit.list(tenant, action(type), actor, instant("since", since), instant("until", until),
                page.offset(), page.limit()));
    }

    /** The tenant's whole chain, in the order of its places, with both hashes of every event. */
    @GET
    @Path("export")
    @Produces({AuditExport.JSON_LINES, AuditExport.CSV, MediaType.APPLICATION_JSON})
    public Response export(@PathParam("slug") String slug, @QueryParam("format") String format) {
        var tenant = tenants.get(callers.current(), slug);
        return AuditExport.stream(format, "keyward-audit-" + tenant.slug(), sink -> audit.export(tenant, sink));
    }

    /** Walks the tenant's stored chain and says whether it is intact, or where it first breaks and how. */
    @GET
    @Path("verify")
    public AuditExport.Verification verify(@PathParam("slug") String slug) {
        return AuditExport.Verification.of(audit.verify(tenants.get(callers.current(), slug)));
    }

    static AuditAction action(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return Arrays.stream(AuditAction.values()).filter(a -> a.slug().equals(type)).findFirst()
                .orElseThrow(() -> DomainException.invalid("unknown-event-type", "Unknown event type '" + type + "'; known: "
                        + Arrays.stream(AuditAction.values()).map(AuditAction::slug).toList() + "."));
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("invalid-time", "'" + name + "' is an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }
}
