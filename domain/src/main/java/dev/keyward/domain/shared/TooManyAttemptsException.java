package dev.keyward.domain.shared;

import java.util.Map;

/**
 * A caller has failed too often, or asked too often, and is refused for a while: 429, with the seconds until it may
 * try again ({@code Retry-After}) and, for a rate limit, the fields that describe it.
 */
public class TooManyAttemptsException extends DomainException {

    private final long retryAfterSeconds;
    private final Map<String, String> headers;

    public TooManyAttemptsException(String type, String detail, long retryAfterSeconds) {
        this(type, detail, retryAfterSeconds, Map.of());
    }

    public TooManyAttemptsException(String type, String detail, long retryAfterSeconds, Map<String, String> headers) {
        super(Kind.TOO_MANY, type, "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.headers = Map.copyOf(headers);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Response fields that say more, such as {@code RateLimit-Policy} and {@code RateLimit}. */
    public Map<String, String> headers() {
        return headers;
    }
}
