package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The log of the tests' server: to check what a request left in it (no stack trace, no personal data, no secret). */
public final class ServerLog {

    public static final Path PATH = Path.of(System.getProperty("it.data.dir", "target/it-data"), "logs/wildfly.log");
    /** The server's own log file (WildFly's FILE handler), beside what it writes to its console ({@link #PATH}). */
    public static final Path FILE = Path.of(System.getProperty("it.data.dir", "target/it-data"), "wildfly/log/server.log");

    private ServerLog() {
    }

    /** How many lines the log has now: a mark to read what is written after it. */
    public static long mark() {
        return mark(PATH);
    }

    /** How many lines {@code log} has now. */
    public static long mark(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since {@code mark}. */
    public static List<String> since(long mark) {
        return since(PATH, mark);
    }

    /** The lines written to {@code log} since {@code mark}. */
    public static List<String> since(Path log, long mark) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.skip(mark).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
