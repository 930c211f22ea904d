package dev.keyward.domain.shared;

/**
 * A caller has failed too often, or asked too often, and is refused for a while: 429, with the seconds until it may
 * try again ({@code Retry-After}).
 */
public class TooManyAttemptsException extends DomainException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(String type, String detail, long retryAfterSeconds) {
        super(Kind.TOO_MANY, type, "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
