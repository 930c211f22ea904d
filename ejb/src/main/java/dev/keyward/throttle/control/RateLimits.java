package dev.keyward.throttle.control;

import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.shared.TooManyAttemptsException;
import dev.keyward.throttle.RateUsage;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import dev.keyward.platform.control.Tallies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts each credential's requests against its {@link RateLimit}: a bucket per window, per second (refilled evenly)
 * and per day (refilled whole a day after it was filled). Each use answers what is left, as the IETF's
 * {@code RateLimit-Policy} and {@code RateLimit} fields say it; a use past a limit is a 429 with those fields and
 * {@code Retry-After}. The buckets live in each server's memory, and what one counts the others count too
 * ({@link Tallies}): the limits hold for the cluster, within {@link Tallies#EVERY}.
 */
@ApplicationScoped
public class RateLimits {

    static final String PER_SECOND = "per-second";
    static final String PER_DAY = "per-day";
    private static final int MAX_KEYS = 200_000;

    private static final String TALLY = "rate-limits";

    @Inject
    Tallies tallies;

    private final Map<String, Counters> counters = new ConcurrentHashMap<>();

    /** Counts one use by {@code clientId} under {@code limit}; refuses it with a 429 when a limit is used up. */
    public RateUsage take(String clientId, RateLimit limit) {
        if (!limit.limits()) {
            return RateUsage.UNLIMITED;
        }
        RateUsage usage = counters(clientId, limit).take();
        if (tallies.shared()) {
            tallies.count(TALLY, clientId + '\t' + limit.perSecond() + '\t' + limit.perDay(), 1);
        }
        return usage;
    }

    /** Uses another cluster member counted: taken from the same buckets here, as far as they hold them. */
    void usedElsewhere(@Observes Tallies.Counted counted) {
        if (!counted.counter().equals(TALLY)) {
            return;
        }
        counted.byKey().forEach((key, n) -> {
            String[] parts = key.split("\t");
            if (parts.length >= 3) {
                String clientId = String.join("\t", java.util.Arrays.copyOf(parts, parts.length - 2));
                RateLimit limit = RateLimit.of(number(parts[parts.length - 2], Integer::valueOf), number(parts[parts.length - 1], Long::valueOf));
                if (limit.limits()) {
                    counters(clientId, limit).usedElsewhere(n);
                }
            }
        });
    }

    private Counters counters(String clientId, RateLimit limit) {
        if (counters.size() >= MAX_KEYS) {
            counters.clear();
        }
        return counters.compute(clientId, (k, current) -> current != null && current.limit.equals(limit) ? current : new Counters(limit));
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        return "null".equals(text) ? null : parse.apply(text);
    }

    private static final class Counters {
        final RateLimit limit;
        final Bucket second;
        final Bucket day;
        final String policy;

        Counters(RateLimit limit) {
            this.limit = limit;
            this.second = limit.perSecond() == null ? null : Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(limit.perSecond()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).build();
            this.day = limit.perDay() == null ? null : Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(limit.perDay()).refillIntervally(limit.perDay(), Duration.ofDays(1)).build()).build();
            StringBuilder p = new StringBuilder();
            if (second != null) {
                p.append('"').append(PER_SECOND).append("\";q=").append(limit.perSecond()).append(";w=1");
            }
            if (day != null) {
                p.append(p.isEmpty() ? "" : ", ").append('"').append(PER_DAY).append("\";q=").append(limit.perDay()).append(";w=86400");
            }
            this.policy = p.toString();
        }

        void usedElsewhere(long n) {
            if (second != null) {
                second.tryConsumeAsMuchAsPossible(n);
            }
            if (day != null) {
                day.tryConsumeAsMuchAsPossible(n);
            }
        }

        RateUsage take() {
            if (day != null && !day.estimateAbilityToConsume(1).canBeConsumed()) {
                throw refused(PER_DAY, day);
            }
            ConsumptionProbe perSecond = null;
            if (second != null) {
                perSecond = second.tryConsumeAndReturnRemaining(1);
                if (!perSecond.isConsumed()) {
                    throw refused(PER_SECOND, second);
                }
            }
            ConsumptionProbe perDay = null;
            if (day != null) {
                perDay = day.tryConsumeAndReturnRemaining(1);
                if (!perDay.isConsumed()) {
                    throw refused(PER_DAY, day);
                }
            }
            // the field names the window closer to its end
            boolean dayCloser = perSecond == null
                    || perDay != null && perDay.getRemainingTokens() * limit.perSecond() < perSecond.getRemainingTokens() * limit.perDay();
            String state = dayCloser ? state(PER_DAY, perDay.getRemainingTokens(), day, limit.perDay())
                    : state(PER_SECOND, perSecond.getRemainingTokens(), second, limit.perSecond());
            return new RateUsage(headers(state));
        }

        private TooManyAttemptsException refused(String window, Bucket bucket) {
            long wait = seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            Map<String, String> headers = headers("\"" + window + "\";r=0;t=" + wait);
            return new TooManyAttemptsException("rate-limited", "This credential's limit of requests " + window.replace('-', ' ')
                    + " is used up; try again in " + wait + " s.", wait, headers);
        }

        private String state(String window, long remaining, Bucket bucket, long quota) {
            long reset = seconds(bucket.estimateAbilityToConsume(quota).getNanosToWaitForRefill());
            return "\"" + window + "\";r=" + remaining + ";t=" + reset;
        }

        private Map<String, String> headers(String state) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("RateLimit-Policy", policy);
            h.put("RateLimit", state);
            return h;
        }

        private static long seconds(long nanos) {
            return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
        }
    }
}
