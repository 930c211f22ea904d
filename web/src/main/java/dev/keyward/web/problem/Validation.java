package dev.keyward.web.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of one request body, then throws them all at once: a client learns every
 * mistake from one answer.
 */
public final class Validation {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public static Validation of(Object body) {
        Validation v = new Validation();
        if (body == null) {
            v.errors.add(new Problem.FieldError("", "a JSON object body is required"));
            v.done();
        }
        return v;
    }

    public Validation require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        } else if (value.length() > maxLength) {
            errors.add(new Problem.FieldError(field, "is at most " + maxLength + " characters"));
        }
        return this;
    }

    public Validation optional(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            errors.add(new Problem.FieldError(field, "is at most " + maxLength + " characters"));
        }
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new Problem.FieldError(field, message));
        }
        return this;
    }

    public void done() {
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
    }
}
