package dev.keyward.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Run by the build after the integration tests, once the servers have stopped: searches the tests' server logs for
 * every secret and token the tests saw ({@link SeenSecrets}), and for incidents (a 500, which writes a stack trace). Any
 * hit fails the build, naming the log line, never the secret.
 */
public final class LogSearch {

    private LogSearch() {
    }

    public static void main(String[] args) throws IOException {
        Path logs = Path.of(args.length > 0 ? args[0] : "target/it-data/logs");
        Set<String> seen = Files.exists(SeenSecrets.FILE) ? new HashSet<>(Files.readAllLines(SeenSecrets.FILE)) : Set.of();
        List<String> hits = new ArrayList<>();
        long lines = 0;
        // the run's server and, beside it, the cluster's nodes (ClusterIT, in cluster/logs)
        try (Stream<Path> files = Stream.concat(Files.list(logs), Files.exists(logs.resolveSibling("cluster").resolve("logs"))
                ? Files.list(logs.resolveSibling("cluster").resolve("logs")) : Stream.empty())) {
            for (Path log : files.filter(p -> p.getFileName().toString().startsWith("wildfly")).toList()) {
                int number = 0;
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    number++;
                    lines++;
                    Matcher m = SeenSecrets.SECRET.matcher(line);
                    while (m.find()) {
                        if (seen.contains(m.group())) {
                            hits.add(log.getFileName() + ":" + number + " holds a secret or token a test was given");
                        }
                    }
                    if (line.contains(" Incident ") || line.contains("UT005023")) { // ours, or the container's own 500
                        hits.add(log.getFileName() + ":" + number + " records an incident (a 500): " + line.substring(0, Math.min(200, line.length())));
                    }
                }
            }
        }
        if (seen.isEmpty()) {
            hits.add("no secret or token was noted down during the tests (" + SeenSecrets.FILE.toAbsolutePath() + "): nothing was searched for");
        }
        System.out.println("Log search: " + seen.size() + " secrets and tokens the tests saw, " + lines + " log lines, " + hits.size() + " hits");
        if (!hits.isEmpty()) {
            hits.stream().limit(50).forEach(System.out::println);
            System.exit(1);
        }
    }
}
