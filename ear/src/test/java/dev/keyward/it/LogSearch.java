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

    private static boolean isServerLog(Path p) {
        String name = p.getFileName().toString();
        String folder = p.getParent() == null ? "" : p.getParent().getFileName().toString();
        return Files.isRegularFile(p) && (folder.equals("logs") && name.startsWith("wildfly") || folder.equals("log") && name.startsWith("server.log"));
    }

    public static void main(String[] args) throws IOException {
        Path logs = Path.of(args.length > 0 ? args[0] : "target/it-data/logs");
        Set<String> seen = Files.exists(SeenSecrets.FILE) ? new HashSet<>(Files.readAllLines(SeenSecrets.FILE)) : Set.of();
        List<String> hits = new ArrayList<>();
        long lines = 0;
        // what the run's server and, beside it, the cluster's nodes (ClusterIT, in cluster/) wrote to their consoles
        // (logs/wildfly*.log) and to their own log files (<server>/log/server.log*)
        try (Stream<Path> files = Files.walk(logs.getParent(), 4)) {
            for (Path log : files.filter(LogSearch::isServerLog).sorted().toList()) {
                String name = logs.getParent().relativize(log).toString();
                int number = 0;
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    number++;
                    lines++;
                    Matcher m = SeenSecrets.SECRET.matcher(line);
                    while (m.find()) {
                        if (seen.contains(m.group())) {
                            hits.add(name + ":" + number + " holds a secret or token a test was given");
                        }
                    }
                    if (line.contains(" Incident ") || line.contains("UT005023")) { // ours, or the container's own 500
                        hits.add(name + ":" + number + " records an incident (a 500): " + line.substring(0, Math.min(200, line.length())));
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
