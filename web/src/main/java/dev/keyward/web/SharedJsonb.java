package dev.keyward.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * One JSON-B instance for every request. Yasson learns the shape of each class once and keeps it in its
 * instance; without this resolver, profiling showed it learning the shapes again on every response,
 * which cost more than everything else a store API read does.
 *
 * <p>It also reads whole-number fields strictly: left alone, Yasson wraps a number too large for its field
 * ({@code 4294967896} becomes {@code 600}) and cuts off a fraction ({@code 600.9} becomes {@code 600}), so a
 * request would be taken to mean something its sender never wrote. Such a body is refused as malformed.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withDeserializers(new WholeInteger(), new WholeLong()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** The same instance, for a resource that reads a body itself (an optional one, say). */
    public static Jsonb jsonb() {
        return JSONB;
    }

    /** The JSON number of a field, whole and within {@code exact}'s range; JSON null stays null; anything else is refused. */
    private static <T> T whole(JsonParser parser, Type field, Function<BigDecimal, T> exact) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.NULL) {
            return null;
        }
        try {
            return exact.apply(((JsonNumber) value).bigDecimalValue());
        } catch (ArithmeticException | ClassCastException notAWholeNumberThatFits) {
            throw new JsonbException("Expected a whole number that fits " + field.getTypeName() + ".", notAWholeNumberThatFits);
        }
    }

    static final class WholeInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, type, BigDecimal::intValueExact);
        }
    }

    static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, type, BigDecimal::longValueExact);
        }
    }
}
