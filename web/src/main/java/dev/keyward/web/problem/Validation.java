package dev.keyward.web.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of one request body, then throws them all at once: a client learns every
 * mistake from one answer. An answer lists at most {@value #MAX_ERRORS} of them, each quoting at most
 * {@value #MAX_QUOTED} characters of what was sent, so a body of 3 000 bad values gets a short answer.
 */
public final class Validation {

    static final int MAX_ERRORS = 20;
    static final int MAX_QUOTED = 40;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public static Validation of(Object body) {
        Validation v = new Validation();
        if (body == null) {
            v.errors.add(new Problem.FieldError("", "a JSON object body is required"));
            v.done();
        }
        return v;
    }

    /** Refuses a body with these field errors (at most {@value #MAX_ERRORS} of them, and how many more there were). */
    public static void refuse(List<Problem.FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            throw new InvalidBodyException(errors);
        }
        List<Problem.FieldError> first = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        first.add(new Problem.FieldError("", "and " + (errors.size() - MAX_ERRORS) + " more errors"));
        throw new InvalidBodyException(first);
    }

    /** What a client sent, quoted in an answer: at most {@value #MAX_QUOTED} characters of it. */
    public static String shortened(String value) {
        return shortened(value, MAX_QUOTED);
    }

    /** What a client sent, quoted in an answer: at most {@code max} characters of it. */
    static String shortened(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 3) + "...";
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
            refuse(errors);
        }
    }
}
