package dev.keyward.platform.control;

import dev.keyward.platform.QuietLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.as.naming.deployment.ContextNames;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * The servers that share Keyward's database, as WildFly's clustering (JGroups) sees them: a change made through one
 * is told to the others the moment it commits ({@link #tell}), and each fires what it hears as a CDI event of
 * {@link ClusterNews} to the caches that keep it. A lost message costs only time: every server also follows the
 * database's change feeds ({@code keyward.feeds.interval}), which is how a server that was away catches up.
 * <p>
 * A server whose member list ({@code keyward.cluster.members}) names only itself is alone: it never starts the
 * clustering it would not use. WildFly starts its command dispatcher, the JGroups channel and the Infinispan container
 * behind it only on demand, and an injected {@code @Resource} would demand them on every server; a clustered server
 * asks WildFly's service container for them instead. A server alone saves about 4 000 classes and 50 MB.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    private static final QuietLog FAILURES = new QuietLog(LOG, Duration.ofMinutes(1));

    private static final String DISPATCHERS = "java:jboss/clustering/server/command-dispatcher-factory/default";
    private static final Duration JOINING = Duration.ofMinutes(2);

    @Inject
    @ConfigProperty(name = "keyward.cluster.members", defaultValue = "")
    String memberList;

    @Inject
    @ConfigProperty(name = "jboss.node.name", defaultValue = "keyward")
    String nodeName;

    @Inject
    Event<Object> heard;

    @Inject
    Meters meters;

    /** WildFly's dispatchers, null for a server alone. */
    private CommandDispatcherFactory<GroupMember> factory;
    private CommandDispatcher<GroupMember, Inbox> dispatcher;

    @PostConstruct
    void join() {
        meters.gauge("keyward.cluster.members", this, c -> c.members().size());
        if (alone(memberList)) {
            LOG.info(() -> "Alone: " + nodeName + " is the only server in keyward.cluster.members");
            return;
        }
        factory = startDispatchers();
        dispatcher = factory.createCommandDispatcher("keyward", new Inbox(heard), Cluster.class.getClassLoader());
        LOG.info(() -> "Cluster member " + factory.getGroup().getLocalMember().getName() + " of " + members());
    }

    /** Starts WildFly's command dispatcher (and the channel under it), which WildFly starts only on demand. */
    private static CommandDispatcherFactory<GroupMember> startDispatchers() {
        ServiceController<?> binding = CurrentServiceContainer.getServiceContainer()
                .getRequiredService(ContextNames.bindInfoFor(DISPATCHERS).getBinderServiceName());
        binding.setMode(ServiceController.Mode.ACTIVE);
        try {
            binding.awaitValue(JOINING.toMillis(), TimeUnit.MILLISECONDS);
            return InitialContext.doLookup(DISPATCHERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while joining the cluster", e);
        } catch (TimeoutException | NamingException e) {
            throw new IllegalStateException("WildFly's clustering did not start (" + DISPATCHERS + ")", e);
        }
    }

    /**
     * Whether a member list ({@code host[port]} pairs separated by commas) names at most one server: this one, as
     * {@code bin/keyward start} and the server's default list do.
     */
    static boolean alone(String memberList) {
        return Arrays.stream(memberList.split(",")).filter(m -> !m.isBlank()).count() <= 1;
    }

    @PreDestroy
    void leave() {
        if (dispatcher != null) {
            // WildFly may be stopping the channel at the same time (nothing of the deployment's depends on it)
            FAILURES.run("Cannot leave the cluster cleanly; the others will notice this server is gone", dispatcher::close);
        }
    }

    /** The members' names, this server's among them. */
    public List<String> members() {
        if (factory == null) {
            return List.of(nodeName);
        }
        return factory.getGroup().getMembership().getMembers().stream().map(GroupMember::getName).toList();
    }

    /**
     * Tells every other member, without waiting for them; a member that does not hear it catches up from the database.
     * What is told ({@link ClusterNews}, {@link Tallies.Counted}) is fired on each of them as a CDI event.
     */
    public void tell(Serializable news) {
        if (factory == null || factory.getGroup().isSingleton()) {
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
