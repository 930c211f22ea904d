package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The run's WildFly. Through its management interface on loopback: takes Keyward's deployment down and brings it
 * back, as an operator stopping and starting the application would. Through the operating system: kills it as a
 * crash would ({@code SIGKILL}, nothing flushed, nothing closed) and starts it again with bin/keyward, on the same
 * data, as the build started it.
 */
public final class Server {

    private static final int MANAGEMENT_PORT = Integer.getInteger("it.management.port", 19990);
    private static final ModelNode KEYWARD = Operations.createAddress("deployment", "keyward.ear");
    private static final Path HOME = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    private static final Path LAUNCHER = Path.of(System.getProperty("keyward.it.launcher", "../bin/keyward"));
    private static final String POSTGRESQL = System.getProperty("keyward.it.postgresUrl", "jdbc:postgresql://127.0.0.1:15432/keyward");

    private Server() {
    }

    public static void stopKeyward() {
        execute("undeploy");
    }

    /** Returns once Keyward has started again, its start-up work done. */
    public static void startKeyward() {
        execute("deploy");
    }

    /** Kills the server's JVM with {@code SIGKILL} and waits until it is gone. */
    public static void crash() {
        try {
            long pid = Long.parseLong(Files.readString(HOME.resolve("wildfly.pid")).trim());
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("WildFly (pid " + pid + ") is not running"));
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not kill WildFly", e);
        }
    }

    /** Starts the server again as the build did (bin/keyward wildfly-start) and returns once Keyward answers. */
    public static Duration restart() {
        return restart(Map.of());
    }

    /**
     * Starts the server again with more of bin/keyward's environment ({@code KEYWARD_DB=postgresql} and its URL, say)
     * and returns once Keyward answers.
     */
    public static Duration restart(Map<String, String> environment) {
        long start = System.nanoTime();
        launch("wildfly-start", environment);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * A new database on the tests' PostgreSQL, and the environment that starts the server on it ({@link #restart(Map)}):
     * {@code KEYWARD_DB=postgresql} and its URL.
     */
    public static Map<String, String> newPostgresqlDatabase(String prefix) {
        String database = prefix + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(POSTGRESQL, "keyward", "keyward"); Statement create = c.createStatement()) {
            create.execute("create database " + database);
        } catch (SQLException e) {
            throw new AssertionError("could not create " + database, e);
        }
        return Map.of("KEYWARD_DB", "postgresql", "KEYWARD_DB_URL", POSTGRESQL.substring(0, POSTGRESQL.lastIndexOf('/') + 1) + database);
    }

    /**
     * Runs a bin/keyward command ({@code wildfly-start}, {@code keycloak-start}, {@code postgres-pause}, …) with the
     * tests' ports and data folder, plus {@code environment}, and waits until it is done.
     */
    public static void launch(String command, Map<String, String> environment) {
        int offset = Integer.getInteger("it.port.offset", 10000);
        Map<String, String> env = new HashMap<>();
        env.put("KEYWARD_HTTP_PORT", System.getProperty("it.http.port", "18080"));
        env.put("KEYWARD_SMTP_PORT", String.valueOf(offset + 3025));
        env.put("KEYWARD_MAIL_PORT", String.valueOf(offset + 3080));
        env.put("KEYWARD_PG_PORT", POSTGRESQL.split(":")[3].split("/")[0]);
        env.put("KEYWARD_SERVER_OPTS", System.getProperty("it.server.opts", ""));
        env.put("KEYWARD_DB_DISK", System.getProperty("it.db.disk", ""));
        env.putAll(environment);
        launch(HOME, HOME.resolve("logs/restarts.log"), env, command);
    }

    /**
     * Runs {@code bin/keyward ARGUMENTS} on the data folder {@code home}, with the run's Keycloak and {@code environment},
     * its output appended to {@code log}, and waits until it is done.
     */
    public static void launch(Path home, Path log, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = launcher.environment();
        env.put("KEYWARD_HOME", home.toString());
        env.put("KEYWARD_KEYCLOAK_PORT", System.getProperty("it.keycloak.port", "18180"));
        env.putAll(environment);
        try {
            Process p = launcher.start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("bin/keyward " + String.join(" ", arguments) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void execute(String operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("localhost", MANAGEMENT_PORT)) {
            ModelNode result = client.execute(Operations.createOperation(operation, KEYWARD));
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new AssertionError(operation + " of keyward.ear failed: " + Operations.getFailureDescription(result));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
