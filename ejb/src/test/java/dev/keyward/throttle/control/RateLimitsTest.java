package dev.keyward.throttle.control;

import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.shared.TooManyAttemptsException;
import dev.keyward.throttle.RateUsage;
import dev.keyward.platform.control.Tallies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    final RateLimits limits = new RateLimits();
    final List<String> toldOthers = new ArrayList<>();

    @BeforeEach
    void alone() {
        limits.tallies = new Tallies() {
            @Override
            public boolean shared() {
                return true;
            }

            @Override
            public void count(String counter, String key, long n) {
                toldOthers.add(counter + " " + key.replace('\t', '|') + " " + n);
            }
        };
    }

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

    @Test
    void whatAnotherMemberCountedIsTakenFromTheSameBucketsHere() {
        RateLimit fiveADay = RateLimit.of(null, 5L);
        limits.take("kwc_d", fiveADay);
        assertEquals(List.of("rate-limits kwc_d|null|5 1"), toldOthers, "each use is told to the other members");
        limits.usedElsewhere(new Tallies.Counted("rate-limits", Map.of("kwc_d\tnull\t5", 3L, "kwc_e implicit 10.0.0.1\t2\tnull", 1L)));
        assertTrue(limits.take("kwc_d", fiveADay).headers().get("RateLimit").startsWith("\"per-day\";r=0;"), "1 here, 3 there, 1 now");
        assertThrows(TooManyAttemptsException.class, () -> limits.take("kwc_d", fiveADay));
        limits.usedElsewhere(new Tallies.Counted("failures:client-failures", Map.of("kwc_f\tnull\t1", 9L)));
        limits.take("kwc_f", RateLimit.of(null, 1L)); // another counter's tally is not this one's
        limits.usedElsewhere(new Tallies.Counted("rate-limits", Map.of("kwc_g\tnull\t2", 7L)));
        assertThrows(TooManyAttemptsException.class, () -> limits.take("kwc_g", RateLimit.of(null, 2L)),
                "a member's count past the limit empties the bucket, and no further");
    }
}
