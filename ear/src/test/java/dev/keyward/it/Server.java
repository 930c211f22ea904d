package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        ProcessBuilder launcher = new ProcessBuilder("bash", LAUNCHER.toString(), "wildfly-start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(HOME.resolve("logs/restarts.log").toFile()));
        launcher.environment().put("KEYWARD_HOME", HOME.toString());
        launcher.environment().put("KEYWARD_HTTP_PORT", System.getProperty("it.http.port", "18080"));
        launcher.environment().put("KEYWARD_KEYCLOAK_PORT", System.getProperty("it.keycloak.port", "18180"));
        launcher.environment().put("KEYWARD_SERVER_OPTS", System.getProperty("it.server.opts", ""));
        launcher.environment().put("KEYWARD_DB_DISK", System.getProperty("it.db.disk", ""));
        launcher.environment().putAll(environment);
        try {
            Process p = launcher.start();
            if (!p.waitFor(240, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("WildFly did not start again; see " + HOME.resolve("logs"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
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
