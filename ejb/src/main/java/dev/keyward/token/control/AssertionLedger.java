package dev.keyward.token.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The client assertions (and DPoP proofs, {@link DpopVerifier}) already used, until they expire, in the database that
 * every server shares: an assertion is good for one request (RFC 7523 §3, item 7), so one captured on its way is refused
 * on any server, and after a restart too. A row a use, keyed by a hash of the client ID (for a proof, of its key) and the
 * {@code jti}; the database's primary key decides a race between two servers. Expired rows are swept every thousandth use. Outside any transaction: the insert commits at once.
 */
@ApplicationScoped
public class AssertionLedger {

    static final int SWEEP_EVERY = 1_000;
    /** Unique violation, on H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource database;

    private final AtomicLong uses = new AtomicLong();

    /**
     * Records the use of {@code clientId}'s assertion {@code jti}, which could be accepted until {@code acceptableUntil}:
     * true the first time, false if it was used before. A database that does not answer is an exception: no assertion is
     * taken on trust.
     */
    public boolean firstUse(String clientId, String jti, Instant acceptableUntil, Instant now) {
        try (Connection c = database.getConnection()) {
            if (uses.incrementAndGet() % SWEEP_EVERY == 0) {
                try (PreparedStatement sweep = c.prepareStatement("delete from client_assertion_use where expires_at < ?")) {
                    sweep.setTimestamp(1, Timestamp.from(now));
                    sweep.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into client_assertion_use (id, expires_at) values (?, ?)")) {
                insert.setString(1, id(clientId, jti));
                insert.setTimestamp(2, Timestamp.from(acceptableUntil));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a client assertion's use", e);
        }
    }

    static String id(String clientId, String jti) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(clientId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(jti.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
