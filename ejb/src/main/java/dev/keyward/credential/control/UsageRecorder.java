package dev.keyward.credential.control;

import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Ticks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the {@link UsageLog} down every {@code keyward.feeds.interval} (two seconds), so that issuing a token never waits on a database
 * write. "Last used" is informational: losing the last two seconds of it in a crash is acceptable; slowing
 * every token down is not.
 *
 * <p>One JDBC batch a flush, in a local transaction of its own, into the narrow {@code credential_use} table (a row per credential
 * used, made on its first use): with ten thousand credentials in use, about twenty small rows every two seconds. A use
 * never moves the time back. PostgreSQL gets an insert that turns into an update on conflict, safe when two servers record
 * the same credential's first use at once; H2, which one server holds alone, a {@code merge}. The tick runs outside a
 * container transaction and commits the connection itself: a commit that fails (a full disk) is then a caught
 * {@link SQLException} reported through {@link QuietLog}, not the transaction manager's stack trace every two seconds.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UsageRecorder {

    private static final QuietLog FAILURES = new QuietLog(Logger.getLogger(UsageRecorder.class.getName()), Duration.ofMinutes(1));

    static final String POSTGRESQL = "insert into credential_use (client_id, last_used_at) values (?, ?)"
            + " on conflict (client_id) do update set last_used_at = excluded.last_used_at"
            + " where credential_use.last_used_at < excluded.last_used_at";
    static final String STANDARD = "merge into credential_use u"
            + " using (values (cast(? as varchar(64)), cast(? as timestamp with time zone))) as s (client_id, last_used_at)"
            + " on u.client_id = s.client_id"
            + " when matched and u.last_used_at < s.last_used_at then update set last_used_at = s.last_used_at"
            + " when not matched then insert (client_id, last_used_at) values (s.client_id, s.last_used_at)";

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

    /** The statement for this server's database, chosen on the first flush: the database does not change while it runs. */
    private String upsert;

    private String upsertFor(Connection connection) throws SQLException {
        if (upsert == null) {
            upsert = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : STANDARD;
        }
        return upsert;
    }

    @Timeout
    public void flush() {
        Map<String, Instant> uses = log.drain();
        if (uses.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection();
             PreparedStatement upsert = connection.prepareStatement(upsertFor(connection))) {
            connection.setAutoCommit(false);
            try {
                // in one order on every server, so that two servers' batches never wait on each other's rows in a cycle
                for (Map.Entry<String, Instant> use : new TreeMap<>(uses).entrySet()) {
                    upsert.setString(1, use.getKey());
                    upsert.setObject(2, use.getValue().atOffset(ZoneOffset.UTC));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException failed) {
                rollBack(connection, failed);
                throw failed;
            }
        } catch (SQLException | RuntimeException failed) {
            // informational, and the next use records it again: one line a minute while the database is away
            FAILURES.warn("Cannot record when credentials were last used now", failed);
        }
    }

    private static void rollBack(Connection connection, Exception failed) {
        try {
            connection.rollback();
        } catch (SQLException alsoFailed) {
            failed.addSuppressed(alsoFailed);
        }
    }
}
