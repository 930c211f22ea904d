package dev.keyward.credential.control;

import dev.keyward.credential.control.UsageLog;
import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Ticks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the {@link UsageLog} down every {@code keyward.feeds.interval} (two seconds), so that issuing a token never waits on a database
 * write. "Last used" is informational: losing the last two seconds of it in a crash is acceptable; slowing
 * every token down is not.
 *
 * <p>One JDBC batch a flush, in the timer's transaction: with ten thousand credentials in use, that is a few
 * hundred rows every two seconds, which one statement each through the persistence context made costly.
 */
@Singleton
@Startup
public class UsageRecorder {

    private static final QuietLog FAILURES = new QuietLog(Logger.getLogger(UsageRecorder.class.getName()), Duration.ofMinutes(1));

    static final String UPDATE = "update client_credential set last_used_at = ?"
            + " where client_id = ? and (last_used_at is null or last_used_at < ?)";

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource database;

    @Inject
    UsageLog log;

    @Resource
    TimerService timers;

    @Inject
    Ticks ticks;

    @PostConstruct
    void start() {
        ticks.start(timers);
    }

    /** On the way out: what was used since the last tick is written down, not lost with the server. */
    @PreDestroy
    void stop() {
        flush();
    }

    @Timeout
    public void flush() {
        Map<String, Instant> uses = log.drain();
        if (uses.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Map.Entry<String, Instant> use : uses.entrySet()) {
                OffsetDateTime at = use.getValue().atOffset(ZoneOffset.UTC);
                update.setObject(1, at);
                update.setString(2, use.getKey());
                update.setObject(3, at);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException | RuntimeException failed) {
            // informational, and the next use records it again: one line a minute while the database is away
            FAILURES.warn("Cannot record when credentials were last used now", failed);
        }
    }
}
