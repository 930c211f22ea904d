package dev.keyward.web.credential;

import dev.keyward.domain.shared.RateLimit;

/**
 * A rate limit on the wire, in requests: {@code {"perSecond": 10, "perDay": 10000}}, either optional; in a view, null
 * where there is none. In a request, both absent (or {@code {}}) removes the limit.
 */
public record RateLimitBody(Integer perSecond, Long perDay) {

    public RateLimit toLimit() {
        return RateLimit.of(perSecond, perDay);
    }

    /** A limit as a view shows it: null for none. */
    public static RateLimitBody of(RateLimit limit) {
        return limit.limits() ? new RateLimitBody(limit.perSecond(), limit.perDay()) : null;
    }
}
