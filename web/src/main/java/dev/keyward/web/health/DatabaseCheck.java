package dev.keyward.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the database answers within two seconds: without it nothing can be created, changed or revoked. (While the
 * migrations run, Keyward is not yet deployed, and this port has no {@code /health/ready} to say UP.)
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource database;

    @Override
    public HealthCheckResponse call() {
        var answer = HealthCheckResponse.named("database");
        try (Connection c = database.getConnection()) {
            return answer.status(c.isValid(TIMEOUT_SECONDS)).build();
        } catch (SQLException | RuntimeException e) {
            return answer.down().withData("error", "the database does not answer").build();
        }
    }
}
