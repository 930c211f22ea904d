package dev.keyward.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * The delivery of something sent after its change committed (a mail, a webhook): due at once, then after a failure
 * again later, each wait twice the last (from the first wait up to an hour), until it has been tried for
 * {@link #TRIED_FOR}; then it is given up and says why.
 */
@Embeddable
public class Attempts {

    /** How long delivery is tried before it is given up. */
    public static final Duration TRIED_FOR = Duration.ofHours(24);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "given_up_at")
    private Instant givenUpAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected Attempts() {
    }

    /** Due at once. */
    public static Attempts dueAt(Instant now) {
        Attempts a = new Attempts();
        a.nextAttemptAt = now;
        return a;
    }

    public boolean isDue(Instant now) {
        return deliveredAt == null && givenUpAt == null && !nextAttemptAt.isAfter(now);
    }

    public void delivered(Instant now) {
        attempts++;
        deliveredAt = now;
        lastError = null;
    }

    /** An attempt failed: wait longer, or give up once delivery has been tried since {@code since} for {@link #TRIED_FOR}. */
    public void failed(Instant now, Instant since, Duration firstWait, String error) {
        attempts++;
        lastError = error == null ? null : error.length() <= 500 ? error : error.substring(0, 497) + "...";
        if (!now.isBefore(since.plus(TRIED_FOR))) {
            givenUpAt = now;
            return;
        }
        Duration wait = firstWait.multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    /** Nothing left to try (what it was owed to is gone): given up now, and why. */
    public void giveUp(Instant now, String why) {
        givenUpAt = now;
        lastError = why;
    }

    public int count() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public Instant deliveredAt() { return deliveredAt; }
    public Instant givenUpAt() { return givenUpAt; }
    public String lastError() { return lastError; }
}
