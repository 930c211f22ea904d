package dev.keyward.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/ kept correct without a Docker engine: the compose file parses and names only paths that exist and images of
 * the versions the build uses; the image is built with the same steps bin/keyward takes for a server on PostgreSQL; the
 * replicas form one cluster on shared keys; every setting the compose file gives is documented.
 */
class ContainerFilesIT {

    private static final Path ROOT = Path.of("..");
    private static final Path DOCKER = ROOT.resolve("docker");

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileParsesAndNamesWhatExists() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(List.of("postgres", "mail", "keycloak", "keyward-a", "keyward-b"), List.copyOf(services.keySet()));

        List<String> missing = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") && !Files.exists(DOCKER.resolve(source))) {
                    missing.add(name + ": " + source);
                }
            }
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = DOCKER.resolve(build.get("context").toString());
                if (!Files.isRegularFile(context.resolve(build.get("dockerfile").toString()))) {
                    missing.add(name + ": " + build);
                }
            }
        });
        assertEquals(List.of(), missing, "paths the compose file names");

        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertEquals("quay.io/keycloak/keycloak:" + property(pom, "version.keycloak-server"), services.get("keycloak").get("image"),
                "the Keycloak the tests run");
        assertEquals("greenmail/standalone:" + property(pom, "version.greenmail"), services.get("mail").get("image"));
        assertTrue(services.get("keycloak").get("command").toString().startsWith("[start,"), "Keycloak in production mode");
        assertTrue(((Map<String, Object>) services.get("keycloak").get("environment")).get("KC_DB_URL").toString().endsWith("/keycloak"),
                "Keycloak on a database of its own");

        Map<String, Object> a = (Map<String, Object>) services.get("keyward-a").get("environment");
        Map<String, Object> b = (Map<String, Object>) services.get("keyward-b").get("environment");
        assertEquals("keyward-a[7600],keyward-b[7600]", a.get("KEYWARD_CLUSTER_MEMBERS"));
        assertEquals(a.get("KEYWARD_CLUSTER_MEMBERS"), b.get("KEYWARD_CLUSTER_MEMBERS"));
        assertEquals(a.get("KEYWARD_ISSUER"), b.get("KEYWARD_ISSUER"), "one issuer for the cluster");
        assertEquals(services.get("keyward-a").get("volumes"), services.get("keyward-b").get("volumes"), "the keys are shared");
        assertEquals(List.of("keys:/var/lib/keyward/keys"), services.get("keyward-a").get("volumes"));
        assertEquals("30s", services.get("keyward-a").get("stop_grace_period"), "longer than the server's 20 s of shutdown");
        assertEquals(Map.of("keyward-a", Map.of("condition", "service_healthy")), services.get("keyward-b").get("depends_on"),
                "b starts once a has made the shared keys");

        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> undocumented = new ArrayList<>();
        for (Map<String, Object> environment : List.of(a, b)) {
            environment.keySet().stream().filter(k -> k.startsWith("KEYWARD_") && !readme.contains("`" + k + "`"))
                    .forEach(undocumented::add);
        }
        assertEquals(List.of(), undocumented.stream().distinct().toList(), "settings the README does not document");
    }

    @Test
    void theImageIsBuiltWithTheStepsOfBinKeyward() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        String launcher = Files.readString(ROOT.resolve("bin/keyward"));
        // the build's server and application, as bin/keyward copies them
        assertTrue(dockerfile.contains("COPY --chown=keyward:keyward ear/target/server /opt/keyward"));
        assertTrue(launcher.contains("SERVER=\"$ROOT/ear/target/server\""));
        assertTrue(dockerfile.contains("ear/target/keyward.ear /opt/keyward/standalone/deployments/keyward.ear"));
        assertTrue(launcher.contains("EAR=\"$ROOT/ear/target/keyward.ear\""));
        // every CLI script bin/keyward applies to a server's configuration, the image applies too
        Matcher applied = Pattern.compile("offline_cli \"\\$[a-z0-9]+\" ([a-z-]+)").matcher(launcher);
        List<String> scripts = new ArrayList<>();
        while (applied.find()) {
            scripts.add(applied.group(1));
        }
        assertEquals(List.of("logging-json", "postgresql"), scripts.stream().sorted().toList());
        for (String script : scripts) {
            assertTrue(Files.isRegularFile(ROOT.resolve("ear/src/main/wildfly/" + script + ".cli")), script);
            assertTrue(dockerfile.contains("jboss-cli.sh --file=/tmp/" + script + ".cli"), "the image applies " + script + ".cli");
        }
        // a cluster member names itself as bin/keyward names its nodes
        String entrypoint = Files.readString(DOCKER.resolve("entrypoint.sh"));
        for (String option : List.of("-Djboss.node.name=", "-Djboss.tx.node.id=")) {
            assertTrue(entrypoint.contains(option) && launcher.contains(option), option);
        }
        assertTrue(dockerfile.contains("CMD curl -fsS http://127.0.0.1:8080/health/ready"), "the health check is readiness");
        assertTrue(dockerfile.contains("ENV LAUNCH_JBOSS_IN_BACKGROUND=1"), "SIGTERM reaches the server: a graceful stop");
        for (Matcher copy = Pattern.compile("(?m)^COPY (?:--chown=\\S+ )?(.+) \\S+$").matcher(dockerfile); copy.find(); ) {
            for (String source : copy.group(1).split(" ")) {
                assertTrue(source.startsWith("ear/target/") || Files.exists(ROOT.resolve(source)), "COPY " + source);
            }
        }
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name);
        return m.group(1);
    }
}
