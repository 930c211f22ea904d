package dev.keyward.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Work that must run once per cluster, not once per server (following Keycloak, rotating the signing key, re-wrapping
 * sealed secrets), runs on the server that holds its lease in the database: a row per kind of work, held for
 * five feed intervals (15 s at least) and renewed by its holder on every tick. When the holder dies, its lease runs out and the next server
 * to ask takes it over. The database is the one thing every server shares and must reach to do this work anyway, so a
 * server cut off from the others (a split cluster) cannot hold a lease another one holds.
 */
@ApplicationScoped
public class Leases {

    /** How long a lease lasts without renewal, at least: how long work waits for a survivor after its server died. */
    static final Duration MIN_TERM = Duration.ofSeconds(15);

    @Inject
    @ConfigProperty(name = "keyward.feeds.interval")
    Duration interval;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    private Duration term;

    /** Five ticks: a holder that misses a tick or two keeps it; the servers' clocks must agree within seconds (NTP). */
    @PostConstruct
    void term() {
        term = interval.multipliedBy(5).compareTo(MIN_TERM) > 0 ? interval.multipliedBy(5) : MIN_TERM;
    }

    /**
     * This server's node. A node's name runs once in a cluster (the transaction manager's node ID, named alike, must be
     * unique anyway), so a lease held under it by an earlier run is a dead run's: a server restarted after a crash takes
     * its work back at once instead of waiting out the term it left behind.
     */
    private final String node = System.getProperty("jboss.node.name", "keyward") + "/";
    /** This server for as long as it runs: its node and this run. */
    private final String self = node + UUID.randomUUID();

    /** Whether this server holds (now renewed) or has just taken the lease on {@code work}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean hold(String work) {
        Instant now = clock.instant();
        int renewed = em.createNativeQuery("update work_lease set holder = ?, expires_at = ? where name = ? and (left(holder, ?) = ? or expires_at < ?)")
                .setParameter(1, self).setParameter(2, now.plus(term)).setParameter(3, work).setParameter(4, node.length())
                .setParameter(5, node).setParameter(6, now).executeUpdate();
        return renewed == 1;
    }

    /** Gives up what this server holds, on its way out, so that a survivor need not wait for the term to run out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void releaseAll() {
        em.createNativeQuery("update work_lease set expires_at = ? where holder = ?").setParameter(1, Instant.EPOCH)
                .setParameter(2, self).executeUpdate();
    }
}
