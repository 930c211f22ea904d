package dev.keyward.web.audit;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.AuditChain;
import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.audit.ExportedChain;
import dev.keyward.domain.shared.Csv;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.web.SharedJsonb;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A chain's export, streamed in the order of its places with both hashes: JSON Lines (one event a line) or CSV. Its
 * columns are {@link ExportedChain#COLUMNS}, and {@code bin/keyward audit-verify} reads either back. Also the answer of
 * a verification of the stored chain.
 */
final class AuditExport {

    static final String JSON_LINES = "application/jsonl";
    static final String CSV = "text/csv";

    private AuditExport() {
    }

    /** One exported event: the columns of {@link ExportedChain#COLUMNS}, absent values written as {@code null}. */
    @JsonbNillable
    @JsonbPropertyOrder({"seq", "id", "chain", "occurredAt", "type", "actorSubject", "actorUsername", "sourceIp", "targetType",
            "targetId", "detail", "previousHash", "hash"})
    public record Line(Long seq, String id, String chain, String occurredAt, String type, String actorSubject, String actorUsername,
                       String sourceIp, String targetType, String targetId, String detail, String previousHash, String hash) {

        static Line of(AuditEvent e) {
            return new Line(e.chainSeq(), e.id(), e.chainId(), e.occurredAt().toString(), e.action().slug(), e.actorSubject(),
                    e.actorUsername(), e.sourceIp(), e.targetType(), e.targetId(), e.detail(), e.previousHash(), e.hash());
        }

        List<String> cells() {
            return Arrays.asList(String.valueOf(seq), id, chain, occurredAt, type, actorSubject, actorUsername, sourceIp, targetType,
                    targetId, detail, previousHash, hash);
        }
    }

    /** The first break of a stored chain, if any. */
    public record Break(String problem, Long seq, String eventId, String explanation) {
    }

    /** What verifying the stored chain found. */
    public record Verification(boolean intact, String chain, long events, long lastSeq, String lastHash, Break firstBreak) {

        static Verification of(AuditTrail.Verification v) {
            Optional<AuditChain.Break> b = v.firstBreak();
            return new Verification(b.isEmpty(), v.chain(), v.events(), v.lastSeq(), v.lastHash(),
                    b.map(x -> new Break(x.problem().slug(), x.seq(), x.eventId(), x.explanation())).orElse(null));
        }
    }

    /** The streamed answer; {@code export} hands the chain's events, in order, to the sink it is given. */
    static Response stream(String format, String name, Consumer<Consumer<AuditEvent>> export) {
        boolean csv = switch (format == null ? "jsonl" : format) {
            case "jsonl", "json" -> false;
            case "csv" -> true;
            default -> throw DomainException.invalid("unknown-format", "'format' is jsonl (the default) or csv.");
        };
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(Csv.row(ExportedChain.COLUMNS));
            }
            try {
                export.accept(e -> write(writer, csv, Line.of(e)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, csv ? CSV + "; charset=utf-8" : JSON_LINES + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + (csv ? ".csv" : ".jsonl") + "\"")
                .build();
    }

    private static void write(BufferedWriter writer, boolean csv, Line line) {
        try {
            writer.write(csv ? Csv.row(line.cells()) : SharedJsonb.jsonb().toJson(line) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
