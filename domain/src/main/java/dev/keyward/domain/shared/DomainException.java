package dev.keyward.domain.shared;

import jakarta.ejb.ApplicationException;

/**
 * A situation the domain refuses, with a stable type slug for clients and a sentence for people.
 * Rolls the transaction back: a refused change leaves nothing behind.
 */
@ApplicationException(rollback = true)
public class DomainException extends RuntimeException {

    /** How the situation reads to a client; the web module maps each kind to one status code. */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_MANY, UNAVAILABLE }

    private final Kind kind;
    private final String type;
    private final String title;

    public DomainException(Kind kind, String type, String title, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
    }

    public Kind kind() { return kind; }

    /** A stable slug, part of the API contract: {@code one-active-credential}, {@code unknown-tenant}. */
    public String type() { return type; }

    public String title() { return title; }

    public String detail() { return getMessage(); }

    public static DomainException notFound(String what, String id) {
        return new DomainException(Kind.NOT_FOUND, "unknown-" + what, "Not found",
                "No " + what.replace('-', ' ') + " '" + id + "' here.");
    }

    public static DomainException invalid(String type, String detail) {
        return new DomainException(Kind.INVALID, type, "Invalid request", detail);
    }

    public static DomainException conflict(String type, String detail) {
        return new DomainException(Kind.CONFLICT, type, "Conflict", detail);
    }

    /** A text field no longer than its column: refused as {@code type} when it is longer; null passes. */
    public static String atMost(String value, int max, String type, String field) {
        if (value != null && value.length() > max) {
            throw invalid(type, field + " is at most " + max + " characters.");
        }
        return value;
    }
}
