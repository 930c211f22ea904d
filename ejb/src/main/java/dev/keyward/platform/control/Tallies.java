package dev.keyward.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this server counted that every member must count too (rate limits, failure budgets, EUID envelopes seen), sent to
 * the other members every {@link #EVERY}, a message per counter, and applied by them as if they had counted it
 * ({@link Counted}, a CDI event on each member). The limits hold for the cluster, not for each server, within this
 * delay: two requests to two members within {@link #EVERY} of each other are each counted by their own member first.
 * Alone, a server counts nothing here.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Tallies {

    public static final Duration EVERY = Duration.ofMillis(200);
    /** Bounds a burst of distinct keys between two sends; past it, what is counted is not sent (the other members count less). */
    static final int MAX_KEYS = 100_000;

    @Inject
    Cluster cluster;

    /**
     * A thread of the container's, on a plain scheduler: the container's managed scheduler refuses (and logs) every run
     * while a stopping server is suspended, when what was counted should still go out.
     */
    @Resource
    ManagedThreadFactory threads;

    private ScheduledExecutorService scheduler;

    private final Map<String, Map<String, LongAdder>> pending = new ConcurrentHashMap<>();
    private volatile boolean shared;

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        scheduler.scheduleWithFixedDelay(this::send, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        send();
    }

    /** Whether there are other members to tell: callers skip building a key when there are none. */
    public boolean shared() {
        return shared;
    }

    /**
     * Counts {@code n} against {@code key} of {@code counter}, for the other members. A count that races with a send may
     * miss it and go with the next one, or, rarely, be lost: the other members then count one less.
     */
    public void count(String counter, String key, long n) {
        if (!shared) {
            return;
        }
        Map<String, LongAdder> byKey = pending.computeIfAbsent(counter, c -> new ConcurrentHashMap<>());
        LongAdder adder = byKey.get(key);
        if (adder == null) {
            if (byKey.size() >= MAX_KEYS) {
                return;
            }
            adder = byKey.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.add(n);
    }

    void send() {
        try {
            shared = cluster.members().size() > 1;
            pending.forEach((counter, byKey) -> {
                Map<String, Long> counted = new HashMap<>();
                byKey.forEach((key, adder) -> {
                    long n = adder.sumThenReset();
                    if (n > 0) {
                        counted.put(key, n);
                    } else {
                        byKey.remove(key, adder);
                    }
                });
                if (!counted.isEmpty()) {
                    cluster.tell(new Counted(counter, counted));
                }
            });
        } catch (RuntimeException e) {
            // the next send tries again; a member that misses a tally counts a little less, never refuses more
        }
    }

    /** What another member counted since its last send, by key. */
    public record Counted(String counter, Map<String, Long> byKey) implements Serializable {
    }
}
