package dev.keyward.credential.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each credential was last used, in memory: the token endpoint notes it here without any container
 * call, and {@link UsageRecorder} writes it down in batches. "Last used" is kept to the minute, like the
 * peers that show it: a credential used all day costs one write a minute, not one per token.
 */
@ApplicationScoped
public class UsageLog {

    static final Duration PRECISION = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> noted = new ConcurrentHashMap<>();

    public void used(String clientId, Instant at) {
        Instant last = noted.get(clientId);
        if (last != null && at.isBefore(last.plus(PRECISION))) {
            return;
        }
        if (noted.size() >= MAX_REMEMBERED) {
            noted.clear();
        }
        noted.put(clientId, at);
        pending.merge(clientId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Takes the uses noted so far, leaving the log empty for the next batch. */
    Map<String, Instant> drain() {
        Map<String, Instant> batch = new HashMap<>();
        for (String clientId : pending.keySet()) {
            Instant at = pending.remove(clientId);
            if (at != null) {
                batch.put(clientId, at);
            }
        }
        return batch;
    }
}
