package dev.keyward.platform.control;

/**
 * Thrown where an answer from memory alone was asked for ({@link FreshCache#inMemory}) and only the database could
 * give it: the caller then answers the usual way, off Undertow's I/O threads. One instance, without a stack trace: it
 * is how such a question ends, not a fault.
 */
public final class NotInMemory extends RuntimeException {

    private static final NotInMemory INSTANCE = new NotInMemory();

    private NotInMemory() {
        super("only the database can answer this", null, false, false);
    }

    public static NotInMemory thrown() {
        return INSTANCE;
    }
}
