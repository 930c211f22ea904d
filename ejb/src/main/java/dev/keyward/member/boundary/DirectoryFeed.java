package dev.keyward.member.boundary;

import dev.keyward.member.control.DirectoryEvent;
import dev.keyward.access.DirectoryReadiness;
import dev.keyward.member.control.DirectoryUser;
import dev.keyward.member.control.KeycloakDirectory;
import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Ticks;
import dev.keyward.platform.control.Leases;
import dev.keyward.platform.control.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps members' credentials in step with Keycloak. Every {@code keyward.feeds.interval} (two seconds) it reads Keycloak's admin-event and
 * user-event feeds past a high-water mark and re-reads the people they concern; a change that may concern
 * many (a group's roles) and a full page of events both call for a full reconciliation, which also runs at
 * start (so what happened while Keyward was down is caught up) and every
 * {@code keyward.directory.reconcile-every} as the backstop. While Keycloak cannot be reached nothing
 * changes, and the mark waits.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
// no transaction of its own: each person is followed in a transaction of their own (DirectorySync), committed before
// the feed moves its mark or says the owners are known
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectoryFeed {

    private static final Logger LOG = Logger.getLogger(DirectoryFeed.class.getName());
    /** Events are read again for this long after the mark: an event's time is when it happened, not when it was stored. */
    static final long OVERLAP_MILLIS = 5_000;
    static final int PAGE = 200;
    /** A reconciliation renews the lease every so many people, so that a long one is not taken over half-way. */
    static final int RENEW_EVERY = 50;
    /** One line when Keycloak stops answering, then a reminder every five minutes while it stays so. */
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(5));
    /** A member whose change cannot be written (their tenant's trail refuses it, say): one line a minute while it lasts. */
    private static final QuietLog STUCK = new QuietLog(LOG, Duration.ofMinutes(1));

    /** People whose news could not be applied yet. */
    private final Set<String> stuck = new LinkedHashSet<>();

    @Inject
    KeycloakDirectory directory;

    @EJB
    DirectorySync sync;

    @Inject
    Clock clock;

    @Inject
    DirectoryReadiness readiness;

    @Inject
    @ConfigProperty(name = "keyward.directory.reconcile-every")
    Duration reconcileEvery;

    private long mark;
    private Instant reconciledAt;
    /** Events already applied within the overlap, by ID, with their time. */
    private final Map<String, Long> applied = new HashMap<>();
    private boolean unreachable;

    @Resource
    TimerService timers;

    @Inject
    Ticks ticks;

    @Inject
    Leases leases;

    @Inject
    Meters meters;

    /** Whether this server held the feed's lease at its last tick. */
    private volatile boolean holding;
    /** When this server last read Keycloak's events to the end: the feed's lag is the time since. */
    private volatile Instant readAt;

    @PostConstruct
    void start() {
        mark = clock.millis();
        reconciledAt = null;
        // Reconcile before the application takes its first request, where Keycloak answers: people disabled or deleted
        // while Keyward was not running get no token in its first seconds. Where it does not, the token plane waits
        // for the owners' state (DirectoryReadiness) until a later tick reconciles.
        read();
        ticks.start(timers);
        // seconds since the server following Keycloak last read its events to the end (NaN on the others), and which it is
        meters.gauge("keyward.directory.feed.lag.seconds",
                () -> holding && readAt != null ? Duration.between(readAt, clock.instant()).toMillis() / 1000.0 : Double.NaN);
        meters.gauge("keyward.directory.feed.leader", () -> holding ? 1 : 0);
    }

    /**
     * A tick: only the server holding the {@code directory} lease follows the feed, so that a change in Keycloak is
     * applied (and audited) once per cluster. A server that takes the lease over reconciles everyone first: it does
     * not know how far the last holder got.
     */
    @Timeout
    public void follow() {
        boolean held = holding;
        try {
            holding = leases.hold("directory");
        } catch (Exception e) { // a failed commit's RollbackException comes undeclared
            holding = false;
            FAILURES.warn("Cannot renew the lease on following Keycloak now; will retry", e);
        }
        if (!holding) {
            if (!readiness.ownersKnown()) {
                read(); // not yet reconciled since this server started (Keycloak was away): it must, lease or not
            }
            return;
        }
        if (!held) {
            reconciledAt = null;
        }
        read();
    }

    /** Stops following: a survivor takes the lease at once instead of after its term. */
    @PreDestroy
    void stop() {
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            LOG.fine(() -> "Leases not released: " + e);
        }
    }

    private void read() {
        try {
            long now = clock.millis();
            KeycloakDirectory.Events read = directory.eventsSince(mark - OVERLAP_MILLIS, PAGE);
            Set<String> subjects = new LinkedHashSet<>();
            Map<String, String> causes = new HashMap<>();
            boolean everyone = !read.complete() || reconciledAt == null
                    || Duration.between(reconciledAt, clock.instant()).compareTo(reconcileEvery) >= 0;
            long newest = mark;
            Map<String, Long> fresh = new HashMap<>();
            for (DirectoryEvent e : read.events()) {
                if (applied.containsKey(e.id())) {
                    continue;
                }
                fresh.put(e.id(), e.time());
                newest = Math.max(newest, e.time());
                if (e.concernsMany()) {
                    everyone = true;
                } else if (subjects.add(e.subject())) {
                    causes.put(e.subject(), "Keycloak event " + e.what());
                }
            }
            stuck.forEach(subject -> causes.putIfAbsent(subject, "Keycloak news not yet applied"));
            subjects.addAll(stuck);
            for (String subject : subjects) {
                apply(subject, directory.findBySubject(subject), causes.get(subject));
            }
            if (everyone) {
                reconcile(subjects);
            }
            // only now, with everything applied: a failure above leaves the mark and reads the same events again
            applied.putAll(fresh);
            mark = Math.max(newest, now);
            applied.values().removeIf(t -> t < mark - 2 * OVERLAP_MILLIS);
            readAt = clock.instant();
            if (unreachable) {
                LOG.info("Keycloak answers again; following its events");
                unreachable = false;
            }
        } catch (Exception e) { // a failed commit's RollbackException comes undeclared
            unreachable = true;
            FAILURES.warn("Cannot follow Keycloak's events now; will retry", e);
        }
    }

    /**
     * Applies what Keycloak says of one person. Keycloak being away fails the whole read (above), to be read again; a
     * change of one person that cannot be written fails that person alone, who is tried again on every tick, so that
     * one tenant's trouble never holds up following everyone else.
     */
    private int apply(String subject, Optional<DirectoryUser> user, String cause) {
        try {
            int changed = sync.follow(subject, user, cause);
            stuck.remove(subject);
            return changed;
        } catch (RuntimeException e) {
            stuck.add(subject);
            STUCK.warn("Cannot apply Keycloak's news about a member now; will retry", e);
            return 0;
        }
    }

    private void reconcile(Set<String> alreadyDone) {
        int changed = 0;
        int people = 0;
        for (String subject : sync.memberSubjects()) {
            if (alreadyDone.contains(subject)) {
                continue;
            }
            people++;
            if (holding && people % RENEW_EVERY == 0 && !leases.hold("directory")) {
                holding = false; // a long reconciliation outlived the lease, and another server has it: it carries on
                return;
            }
            Optional<DirectoryUser> user = directory.findBySubject(subject);
            changed += apply(subject, user, "reconciliation with Keycloak");
        }
        reconciledAt = clock.instant();
        readiness.reconciled();
        int total = people;
        int memberships = changed;
        LOG.fine(() -> "Reconciled " + total + " people with Keycloak; " + memberships + " membership(s) changed");
    }
}
