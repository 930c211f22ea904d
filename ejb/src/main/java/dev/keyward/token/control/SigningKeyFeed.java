package dev.keyward.token.control;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.platform.QuietLog;
import dev.keyward.platform.control.Ticks;
import dev.keyward.token.boundary.SigningKeys;
import dev.keyward.platform.control.ClusterNews;
import dev.keyward.platform.control.Leases;
import dev.keyward.platform.control.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
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
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this server's {@link KeyRing} in step with the signing keys in the database: creates the first key
 * on the very first start, reloads every {@code keyward.feeds.interval} (so a key rotated through any server is published by
 * every server well within the publish lead), and rotates on its own once the current key has signed for
 * {@code keyward.signing.rotate-every} (the server holding the {@code signing-keys} lease; a rotation through any
 * server is published by the others as soon as they hear of it).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class SigningKeyFeed {

    private static final Logger LOG = Logger.getLogger(SigningKeyFeed.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @EJB
    SigningKeys signingKeys;

    @Inject
    KeyRing ring;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.signing.rotate-every")
    Duration rotateEvery;

    @Inject
    Leases leases;

    @Inject
    Meters meters;

    @Resource
    TimerService timers;

    @Inject
    Ticks ticks;

    @PostConstruct
    void start() {
        signingKeys.ensureOne();
        reload();
        ticks.start(timers);
        meters.gauge("keyward.signing.key.age.seconds", ring,
                r -> Duration.between(r.signing(clock.instant()).activatesAt(), clock.instant()).toSeconds());
        LOG.info(() -> "Token signing key " + ring.signing(clock.instant()).kid());
    }

    /** A tick; while the database cannot be read, the keys already loaded keep signing and verifying. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        FAILURES.run("Cannot reload the signing keys now; will retry", this::reload);
    }

    /** Another member rotated: publish the new key now, not at the next tick. */
    public void heard(@Observes ClusterNews news) {
        if (news.topic() == ClusterNews.Topic.SIGNING_KEYS) {
            tick();
        }
    }

    void reload() {
        ring.replace(signingKeys.published());
        Instant now = clock.instant();
        if (ring.rotationDue(now, rotateEvery) && leases.hold("signing-keys")) {
            try {
                signingKeys.rotate(Actor.SYSTEM, "scheduled rotation after " + rotateEvery.toDays() + " days");
                ring.replace(signingKeys.published());
            } catch (DomainException anotherServerRotated) {
                LOG.fine(anotherServerRotated::getMessage);
            }
        }
    }
}
