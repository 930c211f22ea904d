package dev.keyward.domain.notice;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeTest {

    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aFailedNoticeWaitsTwiceAsLongEachTimeUpToAnHour() {
        Notice n = new Notice("t", "bob@x.test", "s", "b", T);
        assertTrue(n.isDue(T));
        Instant now = T;
        Duration[] waits = {Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)};
        for (Duration wait : waits) {
            n.failed(now, "connection refused");
            assertEquals(now.plus(wait), n.nextAttemptAt());
            assertFalse(n.isDue(now));
            now = n.nextAttemptAt();
            assertTrue(n.isDue(now));
        }
        for (int i = 0; i < 10; i++) {
            n.failed(now, "still refused");
            now = n.nextAttemptAt();
        }
        n.failed(now, "refused");
        assertEquals(Duration.ofHours(1), Duration.between(now, n.nextAttemptAt()), "never more than an hour");
        assertEquals("refused", n.lastError());
    }

    @Test
    void afterADayOfFailuresTheNoticeIsGivenUpAndADeliveredOneIsNotDueAgain() {
        Notice n = new Notice("t", "bob@x.test", "s", "b", T);
        n.failed(T.plus(Notice.TRIED_FOR), "x".repeat(600));
        assertNotNull(n.givenUpAt());
        assertFalse(n.isDue(T.plus(Duration.ofDays(2))));
        assertEquals(500, n.lastError().length(), "the error is kept short");

        Notice sent = new Notice("t", "bob@x.test", "s", "b", T);
        sent.delivered(T);
        assertFalse(sent.isDue(T.plus(Duration.ofDays(1))));
        assertNull(sent.lastError());
        assertEquals(1, sent.attempts());
    }
}
