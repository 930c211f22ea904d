package dev.keyward.domain.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's policy table is what the presets say. When a preset changes, this test fails with the new table,
 * which is also written to {@code target/policy-table.md} to be copied into the README.
 */
class PolicyTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String HEADER = "| rule |";

    @Test
    void theReadmesPolicyTableIsTheOneThePresetsRender() throws IOException {
        String rendered = PolicyTable.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "policy-table.md"), rendered);

        assertEquals(rendered, readmeTable());
    }

    @Test
    void theTableHasAColumnPerPresetAndEveryCellFilled() {
        List<String> lines = PolicyTable.markdown().lines().toList();
        assertEquals("| rule | `elastic-path` | `sensedia` | `euid` |", lines.get(0));
        for (String line : lines) {
            assertEquals(PolicyPreset.values().length + 2, line.chars().filter(c -> c == '|').count(), line);
            assertTrue(!line.contains("|  |") && !line.contains("null"), line);
        }
    }

    @Test
    void cellsReadTheSettings() {
        String table = PolicyTable.markdown();
        assertTrue(table.contains("| credential lifetime | no expiry | 3650 days | no expiry |"), table);
        assertTrue(table.contains("| token lifetime | 3600 s | 86400 s | no access tokens |"), table);
        assertTrue(table.contains("| permissions | from the role: super admins and admins everything, members all but "
                + "`tokens:introspect` | everything | chosen per credential from `generator`, `mapper`, `id-reader`, `sharer`, `optout` |"), table);
        assertTrue(table.contains("| what a credential is | an OAuth client: client ID and secret | an OAuth client: client ID and secret "
                + "| an EUID key: API key (bearer) and client secret (encrypts each request) |"), table);
        assertTrue(table.contains("| who sees and changes others' credentials | super admins and admins "
                + "| super admins see; only the owner changes or revokes | super admins and admins |"), table);
    }

    /** The lines of the README's "Policies" section that make up its first table. */
    private static String readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int section = lines.indexOf("## Policies");
        assertTrue(section >= 0, "README.md has a '## Policies' section");
        int start = section;
        while (start < lines.size() && !lines.get(start).startsWith(HEADER)) {
            start++;
        }
        assertTrue(start < lines.size(), "the Policies section has a table starting with '" + HEADER + "'");
        return lines.subList(start, lines.size()).stream().takeWhile(l -> l.startsWith("|"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
