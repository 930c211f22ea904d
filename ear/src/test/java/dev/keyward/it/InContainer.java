package dev.keyward.it;

import dev.keyward.access.Caller;
import java.util.UUID;

/** For tests that run inside the server: callers built directly, without a Keycloak login. Every probe carries it. */
public final class InContainer {

    private InContainer() {
    }

    /** A fresh operator, known to no tenant until it founds one. */
    public static Caller operator() {
        String id = UUID.randomUUID().toString();
        return new Caller(id, "operator-" + id.substring(0, 8), null, true, false, "127.0.0.1", null);
    }
}
