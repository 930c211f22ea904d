package dev.keyward.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health checks on Keyward's own port, in MicroProfile Health's JSON: 200 when every check is UP, 503
 * otherwise. No authentication (a load balancer asks), and nothing in the answer a stranger could use.
 */
@Path("health")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    @Liveness
    Instance<HealthCheck> live;

    @Inject
    @Readiness
    Instance<HealthCheck> ready;

    /** Whether Keyward runs and should be left running. */
    @GET
    @Path("live")
    public Response live() {
        return answer(live);
    }

    /** Whether Keyward should get traffic. */
    @GET
    @Path("ready")
    public Response ready() {
        return answer(ready);
    }

    private static Response answer(Instance<HealthCheck> checks) {
        List<CheckView> results = StreamSupport.stream(checks.spliterator(), false).map(HealthResource::run).toList();
        boolean up = results.stream().allMatch(c -> c.status().equals("UP"));
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(new HealthView(up ? "UP" : "DOWN", results)).build();
    }

    private static CheckView run(HealthCheck check) {
        HealthCheckResponse response;
        try {
            response = check.call();
        } catch (RuntimeException e) {
            return new CheckView(check.getClass().getSimpleName(), "DOWN", Map.of("error", "the check failed"));
        }
        return new CheckView(response.getName(), response.getStatus().name(), response.getData().orElse(null));
    }

    /** MicroProfile Health's answer. */
    public record HealthView(String status, List<CheckView> checks) {
    }

    /** One check: its name, UP or DOWN, and what it reports. */
    public record CheckView(String name, String status, Map<String, Object> data) {
    }
}
