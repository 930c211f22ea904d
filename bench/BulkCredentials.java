import dev.keyward.credential.control.SecretHasher;
import dev.keyward.credential.control.SecretHasher.NewSecret;
import dev.keyward.domain.credential.Permission;
import dev.keyward.platform.control.ServerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Loads COUNT client credentials straight into Keyward's database, with client IDs and secrets made and hashed by
 * Keyward's own SecretHasher under the server's keys, so the server accepts them as its own, and writes SAMPLE of them
 * (client ID and secret, as HTTP Basic values) for the load generator. H2's file is the stopped server's, and is
 * compacted afterwards; PostgreSQL may be loaded while the server runs, and is vacuumed and analysed afterwards. Run with the JDBC
 * driver and Keyward's ejb and domain jars on the class path (bench/run does), the login in BENCH_DB_USER and
 * BENCH_DB_PASSWORD (default sa, sa: H2's):
 *
 *   java -cp h2.jar:keyward-ejb.jar:keyward-domain.jar bench/BulkCredentials.java JDBC_URL KEYS_DIR TENANT_SLUG COUNT SAMPLE OUT_FILE
 */
public class BulkCredentials {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path keys = Path.of(args[1]);
        String slug = args[2];
        int count = Integer.parseInt(args[3]);
        int sample = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);

        SecretHasher hasher = SecretHasher.under(ServerKeys.inFolder(keys));
        List<String> sampled = new ArrayList<>();
        long started = System.nanoTime();
        String user = System.getenv().getOrDefault("BENCH_DB_USER", "sa");
        String password = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "sa");
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            String tenantId;
            String memberId;
            try (PreparedStatement q = db.prepareStatement("select t.id, m.id from tenant t join team_member m on m.tenant_id = t.id where t.slug = ?")) {
                q.setString(1, slug);
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    tenantId = r.getString(1);
                    memberId = r.getString(2);
                }
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("insert into client_credential (id, tenant_id, client_id, name, environment,"
                    + " permissions, owner_id, created_by, status, active_slot, secret_hash, secret_hint, created_at, changed_at, version)"
                    + " values (?, ?, ?, ?, 'production', ?, null, ?, 'ACTIVE', null, ?, ?, ?, ?, 0)")) {
                String permissions = Permission.printScope(Set.of(Permission.PRODUCTS_READ));
                for (int i = 0; i < count; i++) {
                    String clientId = hasher.newClientId();
                    NewSecret secret = hasher.generate();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, tenantId);
                    insert.setString(3, clientId);
                    insert.setString(4, "bulk " + i);
                    insert.setString(5, permissions);
                    insert.setString(6, memberId);
                    insert.setString(7, secret.stored().hash());
                    insert.setString(8, secret.stored().hint());
                    insert.setTimestamp(9, now);
                    insert.setTimestamp(10, now);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        db.commit();
                    }
                    if (sample > 0 && i % Math.max(1, count / sample) == 0 && sampled.size() < sample) {
                        sampled.add(Base64.getEncoder().encodeToString((clientId + ":" + secret.secret()).getBytes()));
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            long loaded = System.nanoTime();
            System.out.printf("loaded %d credentials in %.1f s%n", count, (loaded - started) / 1e9);
            if (db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                // what autovacuum would do a little later, while the server is measured: fresh statistics, so the
                // planner uses the client-ID index, and the new rows vacuumed (their visibility map set)
                db.setAutoCommit(true);
                try (Statement vacuum = db.createStatement()) {
                    vacuum.execute("vacuum analyze client_credential");
                }
                System.out.printf("vacuumed and analysed the table in %.1f s%n", (System.nanoTime() - loaded) / 1e9);
            } else {
                // Inserts at random places in the client-ID index leave H2's file mostly dead pages (about 8 GB
                // for a million rows); compacting now spares the measured server H2's background compaction.
                try (Statement shutdown = db.createStatement()) {
                    shutdown.execute("SHUTDOWN COMPACT");
                }
                System.out.printf("compacted the database in %.1f s%n", (System.nanoTime() - loaded) / 1e9);
            }
        }
        Files.write(out, sampled);
    }
}
