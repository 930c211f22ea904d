package dev.keyward.web.problem;

import java.util.List;

/**
 * An RFC 9457 problem. {@code type} is a stable URI per situation; {@code errors} lists offending fields
 * of an invalid body; {@code incident} ties a 500 to the server log without showing the log; {@code requestId} is the
 * request's ID ({@code X-Request-Id}), for support.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, String incident, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://keyward.dev/problems/";

    public record FieldError(String field, String message) {
    }
}
