package dev.keyward.platform.control;

import dev.keyward.platform.QuietLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * The servers that share Keyward's database, as WildFly's clustering (JGroups) sees them: a change made through one
 * is told to the others the moment it commits ({@link #tell}), and each fires what it hears as a CDI event of
 * {@link ClusterNews} to the caches that keep it. A lost message costs only time: every server also follows the
 * database's change feeds ({@code keyward.feeds.interval}), which is how a server that was away catches up.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/default")
    CommandDispatcherFactory<GroupMember> factory;

    @Inject
    Event<Object> heard;

    @Inject
    Meters meters;

    private CommandDispatcher<GroupMember, Inbox> dispatcher;

    @PostConstruct
    void join() {
        dispatcher = factory.createCommandDispatcher("keyward", new Inbox(heard), Cluster.class.getClassLoader());
        meters.gauge("keyward.cluster.members", factory,
                f -> f.getGroup().getMembership().getMembers().size());
        LOG.info(() -> "Cluster member " + factory.getGroup().getLocalMember().getName() + " of " + members());
    }

    @PreDestroy
    void leave() {
        dispatcher.close();
    }

    /** The members' names, this server's among them. */
    public List<String> members() {
        return factory.getGroup().getMembership().getMembers().stream().map(GroupMember::getName).toList();
    }

    /**
     * Tells every other member, without waiting for them; a member that does not hear it catches up from the database.
     * What is told ({@link ClusterNews}, {@link Tallies.Counted}) is fired on each of them as a CDI event.
     */
    public void tell(Serializable news) {
        if (factory.getGroup().isSingleton()) {
            return;
        }
        FAILURES.run("Cannot tell the other cluster members of a change; they will read it from the database", () -> {
            try {
                dispatcher.dispatchToGroup(new Deliver(news), Set.of(factory.getGroup().getLocalMember()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** What a member hears with: fires the news to this server's observers. */
    public record Inbox(Event<Object> heard) {
    }

    /** The one command members send each other. */
    record Deliver(Serializable news) implements Command<Void, Inbox, RuntimeException>, Serializable {
        @Override
        public Void execute(Inbox inbox) {
            inbox.heard().fire(news);
            return null;
        }
    }
}
