package dev.keyward.web;

import dev.keyward.web.problem.Problem.FieldError;
import dev.keyward.web.problem.Validation;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads every JSON request body strictly, against the record it binds to, before JSON-B binds it: a field of
 * the wrong JSON type ({@code "slug": 5}, {@code "disableUserOnRemoval": "yes"}), a field the record does not
 * have ({@code "clientSecret"}), a whole number with a fraction or out of range, an unreadable instant, or text
 * holding control characters or broken UTF-16 is a 400 that names the field ({@code data.total.amount},
 * {@code members[0].role}). Left to JSON-B, each of these would be converted or ignored without a word, and the
 * request taken to mean something its sender never wrote.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class StrictJson implements MessageBodyReader<Record> {

    private static final Map<Class<?>, Map<String, RecordComponent>> SHAPES = new ConcurrentHashMap<>();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        return read(entity.readAllBytes(), genericType);
    }

    /** Reads {@code body} into {@code type} strictly; an empty body is null, a resource that needs one says so. */
    @SuppressWarnings("unchecked")
    public static <T> T read(byte[] body, Type type) {
        if (body.length == 0) {
            return null;
        }
        String text;
        try {
            // the parser would put U+FFFD in place of bytes that are not UTF-8, and the text be stored so
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new JsonException("The body is not UTF-8.", notUtf8);
        }
        JsonValue json;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readValue();
        } catch (JsonException malformed) {
            throw malformed;
        } catch (RuntimeException tooDeep) {
            // the parser's own limits (nesting deeper than a thousand levels) are plain runtime exceptions
            throw new JsonException("The body is not JSON Keyward reads.", tooDeep);
        }
        List<FieldError> errors = new ArrayList<>();
        check(json, type, "", errors);
        if (!errors.isEmpty()) {
            Validation.refuse(errors);
        }
        return (T) SharedJsonb.jsonb().fromJson(text, type);
    }

    /** Checks {@code value} against the Java type it will bind to, adding an error per offending field. */
    static void check(JsonValue value, Type type, String field, List<FieldError> errors) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return; // absent: each resource says which fields it requires
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            if (value instanceof JsonString s) {
                text(s.getString(), field, errors);
            } else {
                errors.add(new FieldError(field, "must be a JSON string"));
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                errors.add(new FieldError(field, "must be true or false"));
            }
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            whole(value, raw == Integer.class || raw == int.class, field, errors);
        } else if (raw == Instant.class) {
            instant(value, field, errors);
        } else if (Collection.class.isAssignableFrom(raw)) {
            if (value instanceof JsonArray array) {
                Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).getValueType() == JsonValue.ValueType.NULL) {
                        errors.add(new FieldError(field + "[" + i + "]", "must not be null"));
                    } else {
                        check(array.get(i), element, field + "[" + i + "]", errors);
                    }
                }
            } else {
                errors.add(new FieldError(field, "must be a JSON array"));
            }
        } else if (raw.isRecord()) {
            record(value, raw, field, errors);
        }
    }

    private static void record(JsonValue value, Class<?> type, String field, List<FieldError> errors) {
        if (!(value instanceof JsonObject object)) {
            errors.add(new FieldError(field.isEmpty() ? "" : field, "must be a JSON object"));
            return;
        }
        Map<String, RecordComponent> components = SHAPES.computeIfAbsent(type, StrictJson::shape);
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String name = (field.isEmpty() ? "" : field + ".") + Validation.shortened(member.getKey());
            RecordComponent component = components.get(member.getKey());
            if (component == null) {
                errors.add(new FieldError(name, "is not a field of this body"));
            } else {
                check(member.getValue(), component.getGenericType(), name, errors);
            }
        }
    }

    /** A record's fields by their JSON names: {@code @JsonbProperty} where given, else the component's name. */
    private static Map<String, RecordComponent> shape(Class<?> type) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonbProperty renamed = component.getAccessor().getAnnotation(JsonbProperty.class);
            components.put(renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value(), component);
        }
        return components;
    }

    private static void whole(JsonValue value, boolean intRange, String field, List<FieldError> errors) {
        if (!(value instanceof JsonNumber number)) {
            errors.add(new FieldError(field, "must be a whole number"));
            return;
        }
        try {
            BigDecimal exact = number.bigDecimalValue();
            if (intRange) {
                exact.intValueExact();
            } else {
                exact.longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException notWholeOrTooLarge) {
            errors.add(new FieldError(field, "must be a whole number between " + (intRange ? Integer.MIN_VALUE : Long.MIN_VALUE)
                    + " and " + (intRange ? Integer.MAX_VALUE : Long.MAX_VALUE)));
        }
    }

    private static void instant(JsonValue value, String field, List<FieldError> errors) {
        try {
            if (value instanceof JsonString s) {
                Instant.parse(s.getString());
                return;
            }
        } catch (DateTimeParseException notAnInstant) {
            // answered below
        }
        errors.add(new FieldError(field, "must be an instant such as 2030-01-31T12:00:00Z"));
    }

    /** Text is printable: no control characters but tab and line breaks, and no half of a UTF-16 pair on its own. */
    private static void text(String s, String field, List<FieldError> errors) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
            boolean brokenPair = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (control || brokenPair) {
                errors.add(new FieldError(field, "holds a control character or broken Unicode"));
                return;
            }
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
