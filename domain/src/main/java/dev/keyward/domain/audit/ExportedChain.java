package dev.keyward.domain.audit;

import dev.keyward.domain.shared.Csv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An exported audit chain, read back from its file (JSON Lines or CSV, as the export writes them) and verified with
 * nothing but the file: {@code bin/keyward audit-verify FILE}. Exit status 0: the chain is intact; 1: it is broken
 * (the first break is printed); 2: the file cannot be read as an export.
 */
public final class ExportedChain {

    /** The export's columns, in order: the CSV header and the JSON members. */
    public static final List<String> COLUMNS = List.of("seq", "id", "chain", "occurredAt", "type", "actorSubject",
            "actorUsername", "sourceIp", "targetType", "targetId", "detail", "previousHash", "hash");

    private final List<AuditChain.Link> links;

    private ExportedChain(List<AuditChain.Link> links) {
        this.links = links;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: audit-verify FILE   (an export of GET /api/v1/tenants/{slug}/audit-events/export)");
            System.exit(2);
        }
        ExportedChain chain;
        try {
            chain = read(Path.of(args[0]));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("audit-verify: " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Result result = chain.verify();
        System.out.println(result.inWords());
        System.exit(result.firstBreak().isPresent() ? 1 : 0);
    }

    /** What verifying a file found: how many events were checked, the last place and hash, the first break if any. */
    public record Result(long events, long lastSeq, String lastHash, Optional<AuditChain.Break> firstBreak) {

        public String inWords() {
            return firstBreak.map(b -> "BROKEN at place " + b.seq() + (b.eventId() == null ? "" : " (event " + b.eventId() + ")")
                            + ": " + b.problem().slug() + ". " + b.explanation())
                    .orElse("INTACT: " + events + " events, last place " + lastSeq + ", last hash " + lastHash);
        }
    }

    public Result verify() {
        Map<String, Long> places = new HashMap<>();
        links.forEach(l -> {
            if (l.hash() != null && l.seq() != null) {
                places.putIfAbsent(l.hash(), l.seq());
            }
        });
        AuditChain.Walk walk = new AuditChain.Walk(hash -> places.containsKey(hash) ? OptionalLong.of(places.get(hash)) : OptionalLong.empty());
        Optional<AuditChain.Break> found = Optional.empty();
        for (AuditChain.Link link : links) {
            found = walk.next(link);
            if (found.isPresent()) {
                break;
            }
        }
        return new Result(walk.links(), walk.lastSeq(), walk.lastHash(), found);
    }

    public static ExportedChain read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            return new ExportedChain(List.of());
        }
        return trimmed.startsWith("{") ? fromJsonLines(text) : fromCsv(text);
    }

    static ExportedChain fromJsonLines(String text) {
        List<AuditChain.Link> links = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                JsonObject o = reader.readObject();
                Map<String, String> row = new HashMap<>();
                for (String column : COLUMNS) {
                    JsonValue v = o.get(column);
                    row.put(column, v == null || v.getValueType() == JsonValue.ValueType.NULL ? null
                            : v.getValueType() == JsonValue.ValueType.STRING ? o.getString(column) : v.toString());
                }
                links.add(link(row, lineNumber));
            } catch (JsonParsingException | ClassCastException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a JSON object");
            }
        }
        return new ExportedChain(links);
    }

    static ExportedChain fromCsv(String text) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty() || !COLUMNS.equals(rows.get(0))) {
            throw new IllegalArgumentException("the first line is not the export's header " + String.join(",", COLUMNS));
        }
        List<AuditChain.Link> links = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + cells.size() + " cells, not " + COLUMNS.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                row.put(COLUMNS.get(c), cells.get(c));
            }
            links.add(link(row, i + 1));
        }
        return new ExportedChain(links);
    }

    private static AuditChain.Link link(Map<String, String> row, int line) {
        Long seq;
        try {
            seq = row.get("seq") == null ? null : Long.valueOf(row.get("seq"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": 'seq' is not a number");
        }
        return new AuditChain.Link(seq, row.get("id"), AuditChain.canonical(row.get("chain"), row.get("id"), row.get("occurredAt"),
                row.get("type"), row.get("actorSubject"), row.get("actorUsername"), row.get("sourceIp"), row.get("targetType"),
                row.get("targetId"), row.get("detail")), row.get("previousHash"), row.get("hash"));
    }
}
