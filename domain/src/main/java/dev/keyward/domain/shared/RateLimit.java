package dev.keyward.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * How often a credential may be used: requests per second and per day, each optional. A tenant sets one for all its
 * credentials, a credential may set its own instead. Counted per credential at the token endpoint and on the APIs its
 * tokens open.
 */
@Embeddable
public class RateLimit {

    public static final int MAX_PER_SECOND = 100_000;
    public static final long MAX_PER_DAY = 1_000_000_000L;
    /** No limit. */
    public static final RateLimit NONE = new RateLimit(null, null);

    @Column(name = "rate_per_second")
    private Integer perSecond;

    @Column(name = "rate_per_day")
    private Long perDay;

    protected RateLimit() {
    }

    private RateLimit(Integer perSecond, Long perDay) {
        this.perSecond = perSecond;
        this.perDay = perDay;
    }

    /** A limit; either bound may be absent (null), and each is at least one. */
    public static RateLimit of(Integer perSecond, Long perDay) {
        if (perSecond != null && (perSecond < 1 || perSecond > MAX_PER_SECOND)) {
            throw DomainException.invalid("invalid-rate-limit", "perSecond is 1 to " + MAX_PER_SECOND + ", or absent.");
        }
        if (perDay != null && (perDay < 1 || perDay > MAX_PER_DAY)) {
            throw DomainException.invalid("invalid-rate-limit", "perDay is 1 to " + MAX_PER_DAY + ", or absent.");
        }
        return perSecond == null && perDay == null ? NONE : new RateLimit(perSecond, perDay);
    }

    /** What a stored limit reads as: JPA gives no object at all when both columns are empty. */
    public static RateLimit orNone(RateLimit stored) {
        return stored == null ? NONE : of(stored.perSecond, stored.perDay);
    }

    /** This limit where it limits anything, else {@code fallback}: a credential's own, else its tenant's. */
    public RateLimit orElse(RateLimit fallback) {
        return limits() ? this : orNone(fallback);
    }

    public boolean limits() {
        return perSecond != null || perDay != null;
    }

    public Integer perSecond() { return perSecond; }
    public Long perDay() { return perDay; }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimit r && Objects.equals(perSecond, r.perSecond) && Objects.equals(perDay, r.perDay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(perSecond, perDay);
    }

    @Override
    public String toString() {
        return !limits() ? "none" : (perSecond == null ? "" : perSecond + "/s") + (perSecond != null && perDay != null ? ", " : "")
                + (perDay == null ? "" : perDay + "/day");
    }
}
