import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loads COUNT client credentials straight into a stopped Keyward's H2 database, hashed with the server's own
 * secret-hashing key exactly as Keyward stores them, and writes SAMPLE of them (client ID and secret, as
 * HTTP Basic values) for the load generator, then compacts the database file. Run with the H2 driver on the class path:
 *
 *   java -cp h2.jar bench/BulkCredentials.java JDBC_URL KEYS_DIR TENANT_SLUG COUNT SAMPLE OUT_FILE
 */
public class BulkCredentials {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path keys = Path.of(args[1]);
        String slug = args[2];
        int count = Integer.parseInt(args[3]);
        int sample = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readAllBytes(keys.resolve("secret-hmac.key")), "HmacSHA256"));
        SecureRandom random = new SecureRandom();
        List<String> sampled = new ArrayList<>();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "sa", "sa")) {
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
                    + " values (?, ?, ?, ?, 'production', 'products:read', null, ?, 'ACTIVE', null, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < count; i++) {
                    String clientId = "kwc_" + base62(random, 22);
                    String body = base62(random, 43);
                    String secret = "kws_" + body + checksum(body);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, tenantId);
                    insert.setString(3, clientId);
                    insert.setString(4, "bulk " + i);
                    insert.setString(5, memberId);
                    insert.setString(6, HexFormat.of().formatHex(mac.doFinal(secret.getBytes())));
                    insert.setString(7, "kws_…" + secret.substring(secret.length() - 4));
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        db.commit();
                    }
                    if (sample > 0 && i % Math.max(1, count / sample) == 0 && sampled.size() < sample) {
                        sampled.add(Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()));
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            long loaded = System.nanoTime();
            System.out.printf("loaded %d credentials in %.1f s%n", count, (loaded - started) / 1e9);
            // Inserts at random places in the client-ID index leave H2's file mostly dead pages (about 8 GB
            // for a million rows); compacting now spares the measured server H2's background compaction.
            try (Statement shutdown = db.createStatement()) {
                shutdown.execute("SHUTDOWN COMPACT");
            }
            System.out.printf("compacted the database in %.1f s%n", (System.nanoTime() - loaded) / 1e9);
        }
        Files.write(out, sampled);
    }

    private static String base62(SecureRandom random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = BASE62[random.nextInt(62)];
        }
        return new String(c);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes());
        long v = crc.getValue();
        char[] c = new char[6];
        for (int i = 5; i >= 0; i--) {
            c[i] = BASE62[(int) (v % 62)];
            v /= 62;
        }
        return new String(c);
    }
}
