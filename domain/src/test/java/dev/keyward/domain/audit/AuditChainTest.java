package dev.keyward.domain.audit;

import dev.keyward.domain.shared.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditChainTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00.123456789Z");

    private static List<AuditEvent> chainOf(int n) {
        AuditChainHead head = new AuditChainHead("tenant-1");
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AuditEvent e = new AuditEvent("tenant-1", AuditAction.CREDENTIAL_CREATED, new Actor("sub", "ann", "127.0.0.1"),
                    "credential", "c" + i, i % 2 == 0 ? "ci \"deploy\", prod" : null, T.plusSeconds(i), i);
            head.append(e);
            events.add(e);
        }
        return events;
    }

    private static Optional<AuditChain.Break> walk(List<AuditChain.Link> links) {
        Map<String, Long> places = new HashMap<>();
        links.forEach(l -> places.putIfAbsent(l.hash(), l.seq()));
        AuditChain.Walk walk = new AuditChain.Walk(h -> places.containsKey(h) ? OptionalLong.of(places.get(h)) : OptionalLong.empty());
        for (AuditChain.Link l : links) {
            if (walk.next(l).isPresent()) {
                return walk.next(l);
            }
        }
        return walk.end(null, null);
    }

    private static List<AuditChain.Link> links(List<AuditEvent> events) {
        return new ArrayList<>(events.stream().map(AuditEvent::asLink).toList());
    }

    @Test
    void eachEventLinksToTheOneBeforeAndTheFirstToTheGenesis() {
        List<AuditEvent> events = chainOf(3);
        assertEquals(AuditChain.GENESIS, events.get(0).previousHash());
        assertEquals(events.get(0).hash(), events.get(1).previousHash());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(AuditEvent::chainSeq).toList());
        assertEquals("2026-12-02T10:00:00.123456Z", events.get(0).occurredAt().toString(), "the stored precision is hashed");
        assertTrue(walk(links(events)).isEmpty());
    }

    @Test
    void theHashIsTheDocumentedSha256OfTheCanonicalEncoding() {
        assertEquals("5:chain,~,5:été,", AuditChain.canonical("chain", null, "été"), "lengths count UTF-8 bytes");
        // computed apart from Keyward: printf '%s\n%s' "$(printf '0%.0s' $(seq 64))" '1:a,' | sha256sum
        assertEquals("11ecf85fbefd4605100ab23cc55ac19a321b73a0aafae0685c56a87e751b4b7b", AuditChain.hash(AuditChain.GENESIS, "1:a,"));
    }

    @Test
    void anEditedEventIsAltered() {
        List<AuditChain.Link> links = links(chainOf(5));
        AuditChain.Link l = links.get(2);
        links.set(2, new AuditChain.Link(l.seq(), l.id(), l.canonical().replace("c2", "c9"), l.previousHash(), l.hash()));
        AuditChain.Break b = walk(links).orElseThrow();
        assertEquals(AuditChain.Problem.ALTERED, b.problem());
        assertEquals(3L, b.seq());
    }

    @Test
    void anEditedEventWhoseHashWasRecomputedBreaksTheNextLink() {
        List<AuditChain.Link> links = links(chainOf(5));
        AuditChain.Link l = links.get(2);
        String canonical = l.canonical().replace("c2", "c9");
        links.set(2, new AuditChain.Link(l.seq(), l.id(), canonical, l.previousHash(), AuditChain.hash(l.previousHash(), canonical)));
        AuditChain.Break b = walk(links).orElseThrow();
        assertEquals(AuditChain.Problem.REMOVED, b.problem(), "the next event's predecessor is nowhere: the original is gone");
        assertEquals(4L, b.seq());
    }

    @Test
    void aRemovedEventIsMissing() {
        List<AuditChain.Link> links = links(chainOf(5));
        links.remove(1);
        AuditChain.Break b = walk(links).orElseThrow();
        assertEquals(AuditChain.Problem.REMOVED, b.problem());
        assertEquals(3L, b.seq());
    }

    @Test
    void twoSwappedEventsAreOutOfPlace() {
        List<AuditChain.Link> links = links(chainOf(5));
        AuditChain.Link second = links.get(1);
        AuditChain.Link third = links.get(2);
        links.set(1, new AuditChain.Link(2L, third.id(), third.canonical(), third.previousHash(), third.hash()));
        links.set(2, new AuditChain.Link(3L, second.id(), second.canonical(), second.previousHash(), second.hash()));
        AuditChain.Break b = walk(links).orElseThrow();
        assertEquals(AuditChain.Problem.REORDERED, b.problem());
        assertEquals(third.id(), b.eventId());
    }

    @Test
    void anEventPutInWithAValidHashIsInserted() {
        List<AuditEvent> events = chainOf(5);
        List<AuditChain.Link> links = new ArrayList<>();
        AuditEvent forged = new AuditEvent("tenant-1", AuditAction.CREDENTIAL_REVOKED, Actor.SYSTEM, "credential", "cx", null, T, 99);
        String canonical = forged.canonical();
        for (AuditEvent e : events) {
            AuditChain.Link l = e.asLink();
            long seq = l.seq() < 3 ? l.seq() : l.seq() + 1;
            if (l.seq() == 3) {
                links.add(new AuditChain.Link(3L, forged.id(), canonical, l.previousHash(), AuditChain.hash(l.previousHash(), canonical)));
            }
            links.add(new AuditChain.Link(seq, l.id(), l.canonical(), l.previousHash(), l.hash()));
        }
        AuditChain.Break b = walk(links).orElseThrow();
        assertEquals(AuditChain.Problem.INSERTED, b.problem());
        assertEquals(forged.id(), b.eventId());
    }

    @Test
    void anEventWithoutAPlaceIsInsertedAndTheHeadCatchesACutEnd() {
        List<AuditChain.Link> links = links(chainOf(3));
        links.add(new AuditChain.Link(null, "x", "1:x,", null, null));
        assertEquals(AuditChain.Problem.INSERTED, walk(links).orElseThrow().problem());

        List<AuditEvent> events = chainOf(4);
        AuditChain.Walk walk = new AuditChain.Walk(h -> OptionalLong.empty());
        events.subList(0, 3).forEach(e -> walk.next(e.asLink()));
        AuditChain.Break cut = walk.end(4L, events.get(3).hash()).orElseThrow();
        assertEquals(AuditChain.Problem.REMOVED, cut.problem());
        assertEquals(4L, cut.seq());
    }

    @Test
    void anExportReadsBackFromJsonLinesAndCsvAndVerifies(@TempDir Path dir) throws Exception {
        List<AuditEvent> events = chainOf(4);
        StringBuilder csv = new StringBuilder(Csv.row(ExportedChain.COLUMNS));
        StringBuilder jsonl = new StringBuilder();
        for (AuditEvent e : events) {
            List<String> cells = java.util.Arrays.asList(String.valueOf(e.chainSeq()), e.id(), e.chainId(), e.occurredAt().toString(),
                    e.action().slug(), e.actorSubject(), e.actorUsername(), e.sourceIp(), e.targetType(), e.targetId(), e.detail(),
                    e.previousHash(), e.hash());
            csv.append(Csv.row(cells));
            StringBuilder o = new StringBuilder("{\"seq\":").append(e.chainSeq());
            for (int i = 1; i < cells.size(); i++) {
                String v = cells.get(i);
                o.append(",\"").append(ExportedChain.COLUMNS.get(i)).append("\":")
                        .append(v == null ? "null" : "\"" + v.replace("\"", "\\\"") + "\"");
            }
            jsonl.append(o).append("}\n");
        }
        Files.writeString(dir.resolve("a.csv"), csv);
        Files.writeString(dir.resolve("a.jsonl"), jsonl);
        for (String name : List.of("a.csv", "a.jsonl")) {
            ExportedChain.Result r = ExportedChain.read(dir.resolve(name)).verify();
            assertTrue(r.firstBreak().isEmpty(), name + ": " + r.inWords());
            assertEquals(4, r.events());
            assertEquals(events.get(3).hash(), r.lastHash());
        }
        Files.writeString(dir.resolve("b.csv"), csv.toString().replace("ann", "bob"));
        ExportedChain.Result altered = ExportedChain.read(dir.resolve("b.csv")).verify();
        assertEquals(AuditChain.Problem.ALTERED, altered.firstBreak().orElseThrow().problem());
        assertTrue(altered.inWords().startsWith("BROKEN at place 1"), altered.inWords());
        Files.writeString(dir.resolve("c.csv"), "not,an,export\r\n");
        assertThrows(IllegalArgumentException.class, () -> ExportedChain.read(dir.resolve("c.csv")));
    }

    @Test
    void csvKeepsAbsenceEmptinessQuotesAndDefusesFormulas() {
        List<String> cells = java.util.Arrays.asList(null, "", "a,b", "say \"hi\"", "=HYPERLINK(\"x\")", "'=x", "-5", "line\nbreak");
        String row = Csv.row(cells);
        assertTrue(row.contains("\"'=HYPERLINK"), row);
        assertEquals(List.of(cells), Csv.parse(row));
        assertFalse(Csv.row(List.of("-5")).contains("'"));
    }
}
