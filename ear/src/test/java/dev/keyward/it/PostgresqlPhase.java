package dev.keyward.it;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the run's server on PostgreSQL once, before the first {@link OnPostgresql} test: a new database, the server killed
 * and started on it. The tests of the phase restart it with {@link #environment()} to keep it there.
 */
public final class PostgresqlPhase implements BeforeAllCallback, BeforeEachCallback {

    private static Map<String, String> environment;

    /** The environment that starts the server on the phase's database ({@link Server#restart(Map)}). */
    public static synchronized Map<String, String> environment() {
        if (environment == null) {
            Map<String, String> postgresql = Server.newPostgresqlDatabase("phase");
            Server.crash();
            Server.restart(postgresql);
            environment = postgresql;
        }
        return environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        environment();
    }
}
