package dev.keyward.domain.shared;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimitTest {

    @Test
    void eachBoundIsOptionalAndAtLeastOne() {
        assertSame(RateLimit.NONE, RateLimit.of(null, null));
        assertFalse(RateLimit.NONE.limits());
        assertEquals("10/s, 5000/day", RateLimit.of(10, 5000L).toString());
        assertEquals("invalid-rate-limit", assertThrows(DomainException.class, () -> RateLimit.of(0, null)).type());
        assertEquals("invalid-rate-limit", assertThrows(DomainException.class, () -> RateLimit.of(null, -1L)).type());
        assertThrows(DomainException.class, () -> RateLimit.of(RateLimit.MAX_PER_SECOND + 1, null));
    }

    @Test
    void aCredentialsOwnLimitTakesThePlaceOfItsTenants() {
        RateLimit tenants = RateLimit.of(100, null);
        assertEquals(RateLimit.of(null, 10L), RateLimit.of(null, 10L).orElse(tenants), "the whole own limit, not a mix");
        assertEquals(tenants, RateLimit.NONE.orElse(tenants));
        assertEquals(RateLimit.NONE, RateLimit.NONE.orElse(null), "JPA's empty embeddable reads as none");
    }
}
