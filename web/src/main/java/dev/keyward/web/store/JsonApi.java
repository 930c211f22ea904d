package dev.keyward.web.store;

import dev.keyward.domain.shared.DomainException;
import java.util.List;
import java.util.function.Function;

/**
 * Elastic Path's JSON:API-style envelopes: every body is {@code {"data": …}}; errors are
 * {@code {"errors": [{"status", "title", "detail"}]}}.
 */
public final class JsonApi {

    private JsonApi() {
    }

    /** A response envelope. Requests have concrete envelopes of their own, which JSON-B can bind. */
    public record Document<T>(T data) {
    }

    public record Errors(List<Error> errors) {
    }

    public record Error(String status, String title, String detail) {
    }

    /** What every request envelope offers: its {@code data}. */
    public interface Envelope<T> {
        T data();
    }

    /** A request's {@code data}, which must be there and name the expected {@code type}. */
    public static <T> T data(Envelope<T> body, String type, Function<T, String> typeOf) {
        T data = body == null ? null : body.data();
        if (data == null) {
            throw DomainException.invalid("invalid-body", "The body is {\"data\": {\"type\": \"" + type + "\", …}}.");
        }
        if (!type.equals(typeOf.apply(data))) {
            throw DomainException.invalid("invalid-type", "data.type must be '" + type + "'.");
        }
        return data;
    }
}
