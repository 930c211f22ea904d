package dev.keyward.platform.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Keyward's own metrics, in WildFly's Micrometer registry (published in Prometheus's format at {@code /metrics} on the
 * management port): what the token endpoint issued and refused, by grant, tenant and reason, and how long it took; and
 * the gauges each feature registers for itself (cache hits, the directory feed's lag, the cluster's members, the
 * signing key's age). Prometheus reads {@code keyward.tokens.issued} as {@code keyward_tokens_issued_total}.
 *
 * <p>Meters are registered through the registry's own methods, never a meter builder: WildFly hands a deployment a
 * registry of its own that passes those on to the server's, and keeps what a builder registers to itself. The same
 * registry drops a timer's histogram settings, so the latency histogram is kept here ({@link LatencyHistogram}) and
 * published as cumulative {@code keyward_token_requests_within{le=...}} series, which {@code histogram_quantile} reads
 * as it reads a histogram's buckets, beside the timer's {@code _count}, {@code _sum} and {@code _max}. Each
 * meter is looked up once and kept: the registry's lookup walks every meter of the server.
 */
@ApplicationScoped
public class Meters {

    /** A refusal whose client named no tenant Keyward knows: an unknown client ID, or none. */
    public static final String NO_TENANT = "none";

    @Inject
    MeterRegistry registry;

    private final ConcurrentHashMap<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TimerKey, Timed> timers = new ConcurrentHashMap<>();
    /** What gauges read: a registry holds it weakly, and a gauge whose source is collected reads NaN. */
    private final List<Object> kept = new CopyOnWriteArrayList<>();
    private volatile Counter introspectedInMemory;

    private record Timed(Timer timer, LatencyHistogram histogram) {
    }

    /** A counter's name and tags, as a cheap key: tags are built only when the counter is made. */
    private record CounterKey(String name, String grant, String tenant, String reason) {
        Tags tags() {
            Tags tags = Tags.of("grant", grant, "tenant", tenant);
            return reason == null ? tags : tags.and("reason", reason);
        }
    }

    private record TimerKey(String grant, String outcome) {
    }

    public void tokenIssued(String grant, String tenant, Duration took) {
        counter(new CounterKey("keyward.tokens.issued", grant, tenant, null)).increment();
        tokenRequest(grant, "issued", took);
    }

    public void tokenRefused(String grant, String tenant, String reason, Duration took) {
        counter(new CounterKey("keyward.tokens.refused", grant, tenant, reason)).increment();
        tokenRequest(grant, "refused", took);
    }

    private void tokenRequest(String grant, String outcome, Duration took) {
        Timed timed = timers.computeIfAbsent(new TimerKey(grant, outcome), key -> {
            Tags tags = Tags.of("grant", key.grant(), "outcome", key.outcome());
            LatencyHistogram histogram = new LatencyHistogram();
            for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
                int bucket = i;
                registry.gauge("keyward.token.requests.within", tags.and("le", LatencyHistogram.label(i)), histogram,
                        h -> h.atMost(bucket));
            }
            return new Timed(registry.timer("keyward.token.requests", tags), histogram);
        });
        timed.timer().record(took);
        timed.histogram().record(took);
    }

    private Counter counter(CounterKey key) {
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> registry.counter(k.name(), k.tags()));
    }

    /** An introspection answered from memory on the I/O thread that read it, without a request thread. */
    public void introspectedInMemory() {
        Counter counter = introspectedInMemory;
        if (counter == null) {
            counter = registry.counter("keyward.introspections.in.memory");
            introspectedInMemory = counter;
        }
        counter.increment();
    }

    /** A cache's answers from memory and from the database, and their ratio: its hit ratio. */
    public void cache(String name, FreshCache<?> cache) {
        Tags tags = Tags.of("cache", name);
        registry.more().counter("keyward.cache.hits", tags, cache, FreshCache::hits);
        registry.more().counter("keyward.cache.loads", tags, cache, FreshCache::loads);
        registry.gauge("keyward.cache.hit.ratio", tags, cache, c -> ratio(c.hits(), c.loads()));
    }

    public <T> void gauge(String name, T source, ToDoubleFunction<T> value) {
        kept.add(source);
        registry.gauge(name, Tags.empty(), source, value);
    }

    public void gauge(String name, Supplier<Number> value) {
        gauge(name, value, v -> v.get().doubleValue());
    }

    static double ratio(long hits, long loads) {
        long all = hits + loads;
        return all == 0 ? 1.0 : (double) hits / all;
    }
}
