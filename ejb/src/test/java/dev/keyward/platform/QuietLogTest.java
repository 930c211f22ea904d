package dev.keyward.platform;

import dev.keyward.domain.shared.DomainException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietLogTest {

    @Test
    void somethingOutsideKeywardBeingAwayIsAnOutage() {
        assertTrue(QuietLog.isOutage(new DomainException(DomainException.Kind.UNAVAILABLE, "directory-unavailable", "t", "d")));
        assertTrue(QuietLog.isOutage(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(QuietLog.isOutage(new IllegalStateException(new IOException("No space left on device"))));
    }

    @Test
    void aFaultOfKeywardsIsNotAndKeepsItsStackTrace() {
        assertFalse(QuietLog.isOutage(new NullPointerException("a bug")));
        assertFalse(QuietLog.isOutage(new DomainException(DomainException.Kind.CONFLICT, "x", "t", "d")));
    }
}
