package dev.keyward.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;

/**
 * Runs something when the current transaction completes, committed or rolled back; outside a transaction,
 * nothing. The in-memory caches use it to evict what a change touched once the change is visible to everyone.
 */
@ApplicationScoped
public class AfterTransaction {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Runs {@code action} once the current transaction has committed, never if it rolls back (or is already marked to);
     * outside a transaction, now: for news of a change, which must not travel unless the change happened.
     */
    public void runAfterCommit(Runnable action) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
        } else if (status == Status.STATUS_ACTIVE) {
            afterCompletion(outcome -> {
                if (outcome == Status.STATUS_COMMITTED) {
                    action.run();
                }
            });
        }
    }

    public void run(Runnable action) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            afterCompletion(outcome -> action.run());
        }
    }

    private void afterCompletion(IntConsumer then) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int outcome) {
                then.accept(outcome);
            }
        });
    }
}
