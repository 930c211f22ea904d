package dev.keyward.domain.audit;

import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditEventTest {

    @Test
    void whatAClientNamedIsKeptButNeverLongerThanItsColumn() {
        String asked = "i".repeat(300); // a refusal's target: an id from the URL, an e-mail, a username
        AuditEvent e = new AuditEvent("t", AuditAction.POLICY_REFUSED, Actor.SYSTEM, "invitation", asked, "d".repeat(900),
                Instant.parse("2026-12-01T12:00:00Z"), 1);
        assertEquals(64, e.targetId().length());
        assertTrue(e.targetId().endsWith("..."));
        assertEquals(500, e.detail().length());
        assertEquals("short", new AuditEvent("t", AuditAction.POLICY_REFUSED, Actor.SYSTEM, "x", "short", null,
                Instant.parse("2026-12-01T12:00:00Z"), 2).targetId());
    }
}
