package dev.keyward.throttle.control;

import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.shared.TooManyAttemptsException;
import dev.keyward.throttle.RateUsage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    final RateLimits limits = new RateLimits();

    @Test
    void usesCountDownAndTheOneOverTheLimitIsRefusedWithTheFieldsThatSaySo() {
        RateLimit twoADay = RateLimit.of(null, 2L);
        RateUsage first = limits.take("kwc_a", twoADay);
        assertEquals("\"per-day\";q=2;w=86400", first.headers().get("RateLimit-Policy"));
        assertTrue(first.headers().get("RateLimit").startsWith("\"per-day\";r=1;t="), first.headers().toString());
        limits.take("kwc_a", twoADay);
        TooManyAttemptsException refused = assertThrows(TooManyAttemptsException.class, () -> limits.take("kwc_a", twoADay));
        assertTrue(refused.retryAfterSeconds() > 86_000, "a day after the first use");
        assertTrue(refused.headers().get("RateLimit").startsWith("\"per-day\";r=0;t="));
        assertEquals(2, limits.take("kwc_b", twoADay).headers().size(), "each credential counts on its own");
    }

    @Test
    void theFieldNamesTheWindowCloserToItsEndAndAChangedLimitStartsAfresh() {
        RateLimit both = RateLimit.of(100, 3L);
        RateUsage usage = limits.take("kwc_c", both);
        assertEquals("\"per-second\";q=100;w=1, \"per-day\";q=3;w=86400", usage.headers().get("RateLimit-Policy"));
        assertTrue(usage.headers().get("RateLimit").startsWith("\"per-day\";r=2;"), "2 of 3 left is closer to the end than 99 of 100");
        assertTrue(limits.take("kwc_c", RateLimit.of(null, 10L)).headers().get("RateLimit").startsWith("\"per-day\";r=9;"));
        assertSame(RateUsage.UNLIMITED, limits.take("kwc_c", RateLimit.NONE));
    }
}
