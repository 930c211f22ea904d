package dev.keyward.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfterTransactionTest {

    /** A transaction's registry as far as AfterTransaction reads it: a status and the synchronizations. */
    static final class Registry implements TransactionSynchronizationRegistry {
        int status;
        final List<Synchronization> synchronizations = new ArrayList<>();

        Registry(int status) {
            this.status = status;
        }

        void complete(int outcome) {
            synchronizations.forEach(s -> s.afterCompletion(outcome));
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    final List<String> ran = new ArrayList<>();

    AfterTransaction within(Registry registry) {
        AfterTransaction after = new AfterTransaction();
        after.transactions = registry;
        return after;
    }

    @Test
    void newsOfAChangeTravelsOnlyOnceItIsCommitted() {
        Registry committed = new Registry(Status.STATUS_ACTIVE);
        within(committed).runAfterCommit(() -> ran.add("committed"));
        assertEquals(List.of(), ran, "not before the commit");
        committed.complete(Status.STATUS_COMMITTED);

        Registry rolledBack = new Registry(Status.STATUS_ACTIVE);
        within(rolledBack).runAfterCommit(() -> ran.add("rolled back"));
        rolledBack.complete(Status.STATUS_ROLLEDBACK);

        within(new Registry(Status.STATUS_MARKED_ROLLBACK)).runAfterCommit(() -> ran.add("marked for rollback"));
        within(new Registry(Status.STATUS_NO_TRANSACTION)).runAfterCommit(() -> ran.add("outside a transaction"));
        assertEquals(List.of("committed", "outside a transaction"), ran);
    }

    @Test
    void anEvictionRunsWhicheverWayTheTransactionEnds() {
        Registry rolledBack = new Registry(Status.STATUS_ACTIVE);
        within(rolledBack).run(() -> ran.add("evicted"));
        rolledBack.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(List.of("evicted"), ran);
    }
}
