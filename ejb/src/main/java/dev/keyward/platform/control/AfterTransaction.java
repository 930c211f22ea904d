package dev.keyward.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something when the current transaction completes, committed or rolled back; outside a transaction,
 * nothing. The in-memory caches use it to evict what a change touched once the change is visible to everyone.
 */
@ApplicationScoped
public class AfterTransaction {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code action} once the current transaction completes or, outside a transaction, now. */
    public void runWhenDone(Runnable action) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            run(action);
        } else {
            action.run();
        }
    }

    public void run(Runnable action) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }
}
