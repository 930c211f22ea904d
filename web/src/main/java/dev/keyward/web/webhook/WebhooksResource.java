package dev.keyward.web.webhook;

import dev.keyward.domain.webhook.WebhookDelivery;
import dev.keyward.domain.webhook.WebhookEndpoint;
import dev.keyward.web.problem.Validation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import dev.keyward.webhook.boundary.Webhooks;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's webhook endpoints, for those who manage its team. The signing secret is in the answer that makes the
 * endpoint, once; every delivery carries {@code Keyward-Signature: t=…,v1=…} (see the README).
 */
@ManagementApi
@Path("api/v1/tenants/{slug}/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    /**
     * What a new endpoint is: its URL, its format ({@code json}, the default, or {@code set}: Security Event Tokens), the
     * event types it wants (by default every credential event; for {@code set} also a token's revocation), a description.
     */
    public record CreateWebhookRequest(String url, String format, Set<String> events, String description) {
    }

    /**
     * An endpoint as it is listed: never its secret, only the hint; for an event receiver, the URL it may poll
     * ({@code pollUrl}, RFC 8936), its only way to its events when it has no {@code url}.
     */
    public record WebhookView(String id, String url, String format, List<String> events, String description, String secretHint,
                              Instant createdAt, String createdBy, String pollUrl) {
    }

    /** A new endpoint with its signing secret, shown this once. */
    public record IssuedWebhook(String id, String url, String format, List<String> events, String description, String secret,
                                String secretHint, Instant createdAt, String pollUrl) {
    }

    private WebhookView view(WebhookEndpoint w) {
        return new WebhookView(w.id(), w.url(), w.format().slug(), w.events(), w.description(), w.secretHint(), w.createdAt(),
                w.createdBy(), pollUrl(w));
    }

    private String pollUrl(WebhookEndpoint w) {
        return w.pollPath() == null ? null : issuer + w.pollPath();
    }

    /** One delivery in the log: what was sent when, how often it was tried, what came back. */
    public record DeliveryView(String id, String eventId, String eventType, Instant createdAt, String status, int attempts,
                               Integer lastStatus, String lastError, Instant deliveredAt, Instant nextAttemptAt) {
        static DeliveryView of(WebhookDelivery d) {
            var a = d.attempts();
            String status = a.deliveredAt() != null ? "delivered" : a.givenUpAt() != null ? "given-up" : "pending";
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.createdAt(), status, a.count(), d.lastStatus(), a.lastError(),
                    a.deliveredAt(), status.equals("pending") ? a.nextAttemptAt() : null);
        }
    }

    @EJB
    Webhooks webhooks;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    @Inject
    Callers callers;

    @Context
    UriInfo uri;

    @PathParam("slug")
    String slug;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateWebhookRequest body) {
        Validation.of(body).optional("url", body.url(), 500).optional("description", body.description(), 200)
                .optional("format", body.format(), 8).done();
        Webhooks.IssuedWebhook issued = webhooks.create(slug, callers.current(), body.url() == null ? null : body.url().trim(),
                body.format(), body.events(), body.description());
        WebhookEndpoint w = issued.endpoint();
        return Response.created(uri.getAbsolutePathBuilder().path(w.id()).build()).cacheControl(CacheControl.valueOf("no-store"))
                .entity(new IssuedWebhook(w.id(), w.url(), w.format().slug(), w.events(), w.description(), issued.secret(), w.secretHint(),
                        w.createdAt(), pollUrl(w)))
                .build();
    }

    @GET
    public List<WebhookView> list() {
        return webhooks.list(slug, callers.current()).stream().map(this::view).toList();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(slug, callers.current(), id);
        return Response.noContent().build();
    }

    /** The endpoint's delivery log, newest first; at most 200. */
    @GET
    @Path("{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        return webhooks.deliveries(slug, callers.current(), id, Math.max(1, Math.min(limit, 200))).stream().map(DeliveryView::of).toList();
    }
}
