package dev.keyward.web.webhook;

import dev.keyward.web.problem.Validation;
import dev.keyward.webhook.boundary.SecurityEventPolls;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an event receiver polls for its Security Event Tokens (RFC 8936): {@code POST /events/{id}} with
 * {@code Authorization: Bearer <its secret>} and {@code {"ack":[…], "setErrs":{…}, "maxEvents":n, "returnImmediately":true}};
 * the answer is {@code {"sets":{"<jti>":"<SET>",…}, "moreAvailable":false}}. Keyward always answers at once (no long poll).
 * Errors are RFC 9457 problems.
 */
@Path("events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SecurityEventsResource {

    /** RFC 8936 §2.4's poll request; every member optional. */
    public record PollRequest(Integer maxEvents, Boolean returnImmediately, List<String> ack, Map<String, SetError> setErrs) {
    }

    /** One refused SET: RFC 8935 §2.3's error code and description. */
    public record SetError(String err, String description) {
    }

    /** RFC 8936 §2.5's answer. */
    public record PollResponse(Map<String, String> sets, boolean moreAvailable) {
    }

    @EJB
    SecurityEventPolls polls;

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response poll(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, PollRequest body) {
        Validation.of(body);
        String secret = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        Map<String, SecurityEventPolls.SetError> errors = body.setErrs() == null ? null : body.setErrs().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new SecurityEventPolls.SetError(
                        e.getValue() == null ? null : e.getValue().err(), e.getValue() == null ? null : e.getValue().description())));
        SecurityEventPolls.Polled polled = polls.poll(id, secret, body.maxEvents(), body.ack(), errors);
        return Response.ok(new PollResponse(polled.sets(), polled.moreAvailable())).cacheControl(CacheControl.valueOf("no-store")).build();
    }
}
