package dev.keyward.platform;

import dev.keyward.domain.shared.DomainException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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

    @Test
    void aTickThatThrowsACheckedExceptionUndeclaredDoesNotEscape() {
        QuietLog log = new QuietLog(java.util.logging.Logger.getLogger("quiet-log-test"), java.time.Duration.ofMinutes(1));
        // what a @Transactional bean does when its commit fails: the transaction manager's checked RollbackException
        assertDoesNotThrow(() -> log.run("a tick", () -> QuietLogTest.<RuntimeException>sneaky(
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction."))));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> void sneaky(Exception e) throws E {
        throw (E) e;
    }
}
