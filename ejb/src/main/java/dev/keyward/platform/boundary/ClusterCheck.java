package dev.keyward.platform.boundary;

import dev.keyward.platform.control.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cluster as this server sees it: how many members, informative, always UP (a server alone still serves, from the
 * shared database). Their names are for the operator (the server's log says who joined), not for a stranger.
 */
@Readiness
@ApplicationScoped
public class ClusterCheck implements HealthCheck {

    @Inject
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster").up().withData("members", cluster.members().size()).build();
    }
}
