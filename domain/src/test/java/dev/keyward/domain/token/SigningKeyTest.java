package dev.keyward.domain.token;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.token.SigningKey.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEAD = Duration.ofMinutes(15);
    static final Duration LONGEST_TOKEN = Duration.ofHours(24);

    static SigningKey key(String kid, Instant created, Instant activates) {
        return new SigningKey(kid, "ES256", "pub-" + kid, "sealed-" + kid, created, activates);
    }

    @Test
    void theFirstKeySignsAtOnceAndStaysCurrentUntilSuperseded() {
        SigningKey first = key("a", T0, T0);
        assertEquals(Stage.CURRENT, first.stageAt(T0));
        assertEquals(Stage.CURRENT, first.stageAt(T0.plus(Duration.ofDays(400))));
    }

    @Test
    void aSuccessorIsPublishedBeforeItSignsAndTheOldKeyStaysPublishedUntilItsTokensExpire() {
        SigningKey old = key("a", T0, T0);
        Instant rotation = T0.plus(Duration.ofDays(90));
        SigningKey next = key("b", rotation, rotation.plus(LEAD));
        old.supersedeBy(next, LONGEST_TOKEN, rotation);

        // during the lead: the old key signs, the new one is only published
        assertEquals(Stage.CURRENT, old.stageAt(rotation.plus(LEAD).minusMillis(1)));
        assertEquals(Stage.NEXT, next.stageAt(rotation));
        assertTrue(next.publishedAt(rotation));

        // at activation the new key signs and the old one only verifies
        assertEquals(Stage.CURRENT, next.stageAt(rotation.plus(LEAD)));
        assertEquals(Stage.RETIRING, old.stageAt(rotation.plus(LEAD)));
        assertTrue(old.publishedAt(rotation.plus(LEAD).plus(LONGEST_TOKEN).minusMillis(1)));

        // a token signed by the old key a moment before activation has expired when the old key retires
        assertEquals(Stage.RETIRED, old.stageAt(rotation.plus(LEAD).plus(LONGEST_TOKEN)));
        assertFalse(old.publishedAt(rotation.plus(LEAD).plus(LONGEST_TOKEN)));
        assertEquals(rotation.plus(LEAD).plus(LONGEST_TOKEN), old.retiresAt());
    }

    @Test
    void aKeyCannotSignBeforeItIsPublished() {
        assertThrows(IllegalArgumentException.class, () -> key("a", T0, T0.minusSeconds(1)));
        SigningKey old = key("a", T0, T0);
        SigningKey immediate = key("b", T0.plusSeconds(60), T0.plusSeconds(60));
        assertThrows(IllegalArgumentException.class, () -> old.supersedeBy(immediate, LONGEST_TOKEN, T0.plusSeconds(60)));
    }

    @Test
    void onlyTheSigningKeyCanBeRotatedOut() {
        SigningKey old = key("a", T0, T0);
        Instant rotation = T0.plusSeconds(600);
        SigningKey next = key("b", rotation, rotation.plus(LEAD));
        old.supersedeBy(next, LONGEST_TOKEN, rotation);
        SigningKey third = key("c", rotation.plus(LEAD).plusSeconds(1), rotation.plus(LEAD).plus(LEAD));
        DomainException refused = assertThrows(DomainException.class,
                () -> old.supersedeBy(third, LONGEST_TOKEN, rotation.plus(LEAD).plusSeconds(1)));
        assertEquals("signing-key-not-current", refused.type());
    }
}
