package dev.keyward.platform;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTroubleTest {

    @Test
    void aCommitThatFailedOnAFullDiskIsTheDatabaseAway() {
        // as WildFly reports it: the commit's rollback, the database's error suppressed under it
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new ResourceException("SQLException",
                new SQLException("General error", "HY000", 50000, new IOException("No space left on device"))));
        assertTrue(DatabaseTrouble.in(new EJBTransactionRolledbackException("rolled back", rollback)));
    }

    @Test
    void aLostConnectionOrAClosedDatabaseIsTheDatabaseAway() {
        assertTrue(DatabaseTrouble.in(new IllegalStateException(new SQLTransientConnectionException("gone"))));
        assertTrue(DatabaseTrouble.in(new RuntimeException(new SQLException("Database is already closed", "90098", 90098))));
        assertTrue(DatabaseTrouble.in(new RuntimeException(new SQLException("connection failure", "08006"))));
        assertTrue(DatabaseTrouble.in(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))),
                "PostgreSQL stopped under a running statement");
        assertTrue(DatabaseTrouble.in(new RuntimeException(new SQLException("the database system is shutting down", "57P03"))));
    }

    @Test
    void aFaultOfKeywardsIsNot() {
        assertFalse(DatabaseTrouble.in(new IllegalStateException("a bug")));
        assertFalse(DatabaseTrouble.in(new RuntimeException(new SQLException("unique constraint", "23505", 23505))));
        assertFalse(DatabaseTrouble.in(new RuntimeException(new IOException("not under a database call"))));
    }
}
