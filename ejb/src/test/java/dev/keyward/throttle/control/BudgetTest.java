package dev.keyward.throttle.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void whatAnotherMemberSpentIsSpentHereButNeverIntoDebt() {
        Budget tenAMinute = new Budget(10, Duration.ofMinutes(1), 100);
        assertTrue(tenAMinute.spend("kwc_a"));
        tenAMinute.spentElsewhere("kwc_a", 8);
        assertTrue(tenAMinute.spend("kwc_a"), "1 here, 8 there: the tenth");
        assertFalse(tenAMinute.spend("kwc_a"));
        tenAMinute.spentElsewhere("kwc_b", 1_000);
        assertFalse(tenAMinute.spend("kwc_b"));
        assertEquals(6, tenAMinute.secondsUntilAvailable("kwc_b"), "one token's refill, not a thousand's: no debt");
    }
}
