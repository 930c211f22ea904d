package dev.keyward.notice;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scans that run every hour and at every start (expiry notices, expired credentials, rotations whose grace ends) read
 * the credentials they find, not the whole table: on the schema the migrations build, with many credentials that neither
 * expire nor rotate (most do not), H2 counts the rows each scan reads. The queries are those of {@code Deliveries} and
 * {@code ClientCredentials.settleExpired}, without the join that fetches each credential's tenant.
 */
class HourlyScansTest {

    private static final int QUIET = 20_000;
    private static final String NOW = "timestamp with time zone '2026-06-01 12:00:00+00'";
    private static final String IN_30_DAYS = "timestamp with time zone '2026-07-01 12:00:00+00'";
    private static final String TOMORROW = "timestamp with time zone '2026-06-02 12:00:00+00'";
    private static Connection db;

    @BeforeAll
    static void schemaWithManyQuietCredentials() throws SQLException {
        String url = "jdbc:h2:mem:hourly-scans;DB_CLOSE_DELAY=-1";
        Flyway.configure(HourlyScansTest.class.getClassLoader()).dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "");
        try (Statement s = db.createStatement()) {
            s.execute("set referential_integrity false");
            s.execute("insert into client_credential (id, tenant_id, client_id, name, environment, permissions, created_by, status,"
                    + " secret_hash, secret_hint, created_at, changed_at, version)"
                    + " select 'quiet-' || x, 't', 'client-' || x, 'quiet', 'live', 'READ', 'm', 'ACTIVE', 'h', 'k', " + NOW + ", " + NOW + ", 0"
                    + " from system_range(1, " + QUIET + ")");
            credential(s, "expires-soon", "expires_at", "timestamp with time zone '2026-06-10 12:00:00+00'");
            credential(s, "expired", "expires_at", "timestamp with time zone '2026-05-01 12:00:00+00'");
            credential(s, "grace-ending", "previous_valid_until", "timestamp with time zone '2026-06-01 18:00:00+00'");
            s.execute("insert into credential_notice (id, credential_id, kind, sent_at) select 'n-' || x, 'quiet-' || x, 'expiry-7', " + NOW
                    + " from system_range(1, " + QUIET + ")");
            s.execute("analyze");
        }
    }

    private static void credential(Statement s, String id, String column, String at) throws SQLException {
        s.execute("insert into client_credential (id, tenant_id, client_id, name, environment, permissions, created_by, status,"
                + " secret_hash, secret_hint, created_at, changed_at, version, " + column + ")"
                + " values ('" + id + "', 't', '" + id + "', '" + id + "', 'live', 'READ', 'm', 'ACTIVE', 'h', 'k', " + NOW + ", " + NOW + ", 0, " + at + ")");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void credentialsAboutToExpireAreFoundWithoutReadingTheOthers() throws SQLException {
        String sql = "select c.id from client_credential c where c.status in ('ACTIVE', 'DISABLED')"
                + " and c.expires_at > " + NOW + " and c.expires_at <= " + IN_30_DAYS
                + " and not exists (select 1 from credential_notice n where n.credential_id = c.id and n.kind = 'expiry-done')"
                + " order by c.expires_at";
        assertFindsOnly(sql, "expires-soon");
    }

    @Test
    void expiredCredentialsAreFoundWithoutReadingTheOthers() throws SQLException {
        String sql = "select c.id from client_credential c where c.status in ('ACTIVE', 'DISABLED') and c.expires_at >= timestamp with time zone '1970-01-01 00:00:00+00' and c.expires_at <= " + NOW
                + " order by c.expires_at";
        assertFindsOnly(sql, "expired");
    }

    @Test
    void rotationsWhoseGraceEndsAreFoundWithoutReadingTheOthers() throws SQLException {
        String sql = "select c.id from client_credential c where c.status = 'ACTIVE'"
                + " and c.previous_valid_until > " + NOW + " and c.previous_valid_until <= " + TOMORROW + " order by c.previous_valid_until";
        assertFindsOnly(sql, "grace-ending");
    }

    /** The scan finds {@code id} alone, and reads no more than a few rows to find it. */
    private static void assertFindsOnly(String sql, String id) throws SQLException {
        assertEquals(List.of(id), ids(sql));
        long read = rowsRead(sql);
        assertTrue(read <= 10, "rows read: " + read);
    }

    private static List<String> ids(String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Rows H2 read for the query, all tables together, as its EXPLAIN ANALYZE counts them. */
    private static long rowsRead(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet plan = s.executeQuery("explain analyze " + sql)) {
            plan.next();
            Matcher counts = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
            long read = 0;
            while (counts.find()) {
                read += Long.parseLong(counts.group(1));
            }
            return read;
        }
    }
}
