package dev.keyward.platform;

import jakarta.resource.ResourceException;
import java.nio.channels.OverlappingFileLockException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StuckDatabaseTest {

    @Test
    void h2RefusingItsOwnFileIsToldApartFromOtherOutages() {
        SQLException inUse = new SQLException("Database may be already in use: keyward.mv.db", "90020", 90020,
                new IllegalStateException("The file is locked", new OverlappingFileLockException()));
        assertTrue(DatabaseTrouble.isFileHeldByThisServer(new ResourceException("could not create a connection", inUse)));
        ResourceException suppressed = new ResourceException("commit failed");
        suppressed.addSuppressed(new OverlappingFileLockException());
        assertTrue(DatabaseTrouble.isFileHeldByThisServer(suppressed), "found among suppressed exceptions too");

        assertFalse(DatabaseTrouble.isFileHeldByThisServer(new SQLException("The database has been closed", "90098", 90098)));
        assertFalse(DatabaseTrouble.isFileHeldByThisServer(new SQLException("Connection refused", "08001")));
        assertTrue(DatabaseTrouble.in(inUse), "still an outage: a 503 meanwhile");
    }
}
