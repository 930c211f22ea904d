package dev.keyward.throttle;

import java.util.Map;

/**
 * What is left of a credential's rate limit after a use, as the response fields that say it (the IETF's
 * {@code RateLimit-Policy} and {@code RateLimit}); none for a credential without a limit.
 */
public record RateUsage(Map<String, String> headers) {

    public static final RateUsage UNLIMITED = new RateUsage(Map.of());
}
