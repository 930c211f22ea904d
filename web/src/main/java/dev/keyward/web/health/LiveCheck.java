package dev.keyward.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while Keyward is deployed and answers: nothing it depends on (the database, Keycloak) makes it worth a restart,
 * since it recovers from their outages by itself.
 */
@Liveness
@ApplicationScoped
public class LiveCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("keyward");
    }
}
