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

    private ServerLog() {
    }

    /** How many lines the log has now: a mark to read what is written after it. */
    public static long mark() {
        try (Stream<String> lines = Files.lines(PATH)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since {@code mark}. */
    public static List<String> since(long mark) {
        try (Stream<String> lines = Files.lines(PATH)) {
            return lines.skip(mark).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
