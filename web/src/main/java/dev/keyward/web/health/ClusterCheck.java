package dev.keyward.web.health;

import dev.keyward.platform.control.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The cluster as this server sees it: informative, always UP (a server alone still serves, from the shared database). */
@Readiness
@ApplicationScoped
public class ClusterCheck implements HealthCheck {

    @Inject
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        var members = cluster.members();
        return HealthCheckResponse.named("cluster").up().withData("self", cluster.self()).withData("members", members.size())
                .withData("names", String.join(",", members)).build();
    }
}
