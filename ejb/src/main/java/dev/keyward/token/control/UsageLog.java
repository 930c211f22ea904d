package dev.keyward.token.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each credential was last used, in memory: the token endpoint notes it here without any container
 * call, and {@link UsageRecorder} writes it down in batches.
 */
@ApplicationScoped
public class UsageLog {

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public void used(String clientId, Instant at) {
        pending.merge(clientId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Takes the uses noted so far, leaving the log empty for the next batch. */
    Map<String, Instant> drain() {
        Map<String, Instant> batch = new java.util.HashMap<>();
        for (String clientId : pending.keySet()) {
            Instant at = pending.remove(clientId);
            if (at != null) {
                batch.put(clientId, at);
            }
        }
        return batch;
    }
}
