package dev.keyward.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every request. Yasson learns the shape of each class once and keeps it in its
 * instance; without this resolver, profiling showed it learning the shapes again on every response,
 * which cost more than everything else a store API read does. What JSON-B reads has been checked first by
 * {@link StrictJson}, which refuses what Yasson would otherwise convert (a whole number too large for its field
 * wrapped, a fraction cut off).
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** The same instance, for a resource that reads or writes a body itself. */
    public static Jsonb jsonb() {
        return JSONB;
    }
}
