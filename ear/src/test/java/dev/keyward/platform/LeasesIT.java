package dev.keyward.platform;

import static dev.keyward.it.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyward.it.Deployments;
import dev.keyward.it.Eventually;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server, on the lease of following Keycloak ({@code directory}), which the server renews every half second:
 * a lease left behind by an earlier run of this same node (a crash) is taken back at once, while one held by another
 * node is left to it until its term runs out.
 */
@ExtendWith(ArquillianExtension.class)
class LeasesIT {

    private static final String NODE = System.getProperty("jboss.node.name", "keyward") + "/";

    @Deployment
    static WebArchive deployment() {
        return Deployments.probe(LeasesIT.class, Eventually.class);
    }

    @Resource(lookup = "java:jboss/datasources/KeywardDS")
    DataSource dataSource;

    @Test
    void aLeaseLeftByAnEarlierRunOfThisNodeIsTakenBackAtOnce() throws Exception {
        String dead = NODE + "an-earlier-run";
        hand("directory", dead, Instant.now().plus(Duration.ofHours(1)));

        String holder = eventually(Duration.ofSeconds(3), () -> holder("directory"), h -> !dead.equals(h),
                "the lease of a crashed run of this node, taken back before its term");
        assertEquals(NODE, holder.substring(0, NODE.length()), holder);
    }

    @Test
    void aLeaseOfAnotherNodeIsLeftToItUntilItsTermRunsOut() throws Exception {
        String other = "another-node/its-run";
        hand("directory", other, Instant.now().plus(Duration.ofHours(1)));

        Thread.sleep(2_000); // four of this server's ticks
        assertEquals(other, holder("directory"), "a live node's lease is not taken");

        hand("directory", other, Instant.EPOCH);
        String holder = eventually(Duration.ofSeconds(3), () -> holder("directory"), h -> h.startsWith(NODE),
                "a lease whose term ran out, taken over");
        assertEquals(NODE, holder.substring(0, NODE.length()), holder);
    }

    /** Whatever a test did, the suite's server follows Keycloak again for the tests after it. */
    @AfterEach
    void giveItBack() throws Exception {
        if (!holder("directory").startsWith(NODE)) {
            hand("directory", null, Instant.EPOCH);
        }
        eventually(Duration.ofSeconds(3), () -> holder("directory"), h -> h.startsWith(NODE), "the lease back with this server");
    }

    private void hand(String work, String holder, Instant until) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update work_lease set holder = ?, expires_at = ? where name = ?")) {
            s.setString(1, holder);
            s.setTimestamp(2, Timestamp.from(until));
            s.setString(3, work);
            assertEquals(1, s.executeUpdate());
        }
    }

    private String holder(String work) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select holder from work_lease where name = ?")) {
            s.setString(1, work);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return String.valueOf(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
