package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tests written for Node ({@code src/test/console}: the console in Chromium, the npm OAuth clients), run by Node's
 * test runner against this run's servers: passes when every one of a file's tests does, and prints what they reported.
 */
public final class NodeTests {

    /** Where the Node tests and their node_modules live. */
    public static final Path HOME = Path.of(System.getProperty("keyward.it.consoleTests", "src/test/console"));

    private NodeTests() {
    }

    /** Runs {@code file} with {@code environment} (and {@code KEYWARD_URL}); fails with its report if it fails or takes longer than {@code limit}. */
    public static void run(String file, Map<String, String> environment, Duration limit) {
        try {
            Path log = Files.createTempFile("node-tests", ".log");
            ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", file)
                    .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().put("KEYWARD_URL", Http.KEYWARD);
            node.environment().putAll(environment);
            Process run = node.start();
            boolean finished = run.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            String output = Files.readString(log);
            System.out.println(output);
            if (!finished) {
                run.destroyForcibly();
            }
            assertTrue(finished, file + " did not finish within " + limit + ":\n" + output);
            assertEquals(0, run.exitValue(), file + " failed:\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
