package dev.keyward.console;

import dev.keyward.it.Http;
import dev.keyward.it.NodeTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser: Debian's Chromium, driven by playwright-core from
 * {@code src/test/console/console.test.mjs} with Node's test runner, against this run's WildFly and Keycloak.
 * Screenshots of every page land in {@code target/console-screenshots/}.
 */
class ConsoleIT {

    static final Path CHROMIUM = Path.of(System.getProperty("keyward.it.chromium", "/usr/bin/chromium"));

    @Test
    void theConsoleDoesWhatItsPeopleNeedInARealBrowser() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium (.ci/run does)");
        assertTrue(Files.isDirectory(NodeTests.HOME.resolve("node_modules/playwright-core")), "npm ci has not run in " + NodeTests.HOME);
        assertEquals(200, Http.get("/console/", null).status(), "the console is served");

        String store = tenant("elastic-path", "alice", "admin", "bob", "member", "carol", "member");
        String console = tenant("sensedia", "dave", "super-admin");
        String participant = tenantWith("euid", Map.of("freshMfaMinutes", 0, "environments", List.of("integration", "production")), "alice", "admin");
        String stepUp = "step-up-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Http.post(TENANTS, "olivia", Http.body("slug", stepUp, "name", "Careful store",
                "policy", "elastic-path", "freshMfaMinutes", 10, "members", List.of(
                        Http.body("username", "alice", "role", "admin"), Http.body("username", "mia", "role", "admin")))).status());
        Path screenshots = Path.of(System.getProperty("keyward.it.screenshots", "target/console-screenshots")).toAbsolutePath();
        if (Files.isDirectory(screenshots)) {
            try (var old = Files.list(screenshots)) {
                for (Path png : old.toList()) {
                    Files.delete(png);
                }
            }
        }
        NodeTests.run("console.test.mjs", Map.of("STORE_TENANT", store, "CONSOLE_TENANT", console, "STEP_UP_TENANT", stepUp,
                "PARTICIPANT_TENANT", participant, "SCREENSHOTS", screenshots.toString(), "CHROMIUM", CHROMIUM.toString()), Duration.ofMinutes(10));
        try (var taken = Files.list(screenshots)) {
            assertTrue(taken.count() >= 10, "screenshots of every page in " + screenshots);
        }
    }
}
