package dev.keyward.product.control;

import dev.keyward.domain.product.Product;
import dev.keyward.domain.product.ProductSnapshot;
import dev.keyward.platform.control.AfterTransaction;
import dev.keyward.platform.control.Cluster;
import dev.keyward.platform.control.ClusterNews;
import jakarta.enterprise.event.Observes;
import dev.keyward.platform.control.FreshCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Products by id, so that a storefront read costs no database read and opens no persistence context.
 *
 * <p>A change made through this server shows at once: {@link #evict} forgets the product when the change is
 * made and again when its transaction completes (a read that overlaps the change keeps nothing; see
 * {@link FreshCache}). A change made through another cluster member shows here as soon as it tells this one, and within {@link #MAX_AGE}
 * if the message is lost.
 */
@ApplicationScoped
public class ProductCache {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** Bounds memory: at most a few kilobytes an entry. */
    static final int MAX_ENTRIES = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    AfterTransaction afterTransaction;

    @Inject
    Clock clock;

    @Inject
    Cluster cluster;

    private final FreshCache<ProductSnapshot> byId = new FreshCache<>(MAX_AGE, MAX_ENTRIES);

    public Optional<ProductSnapshot> find(String id) {
        return byId.get(id, clock.instant(), key -> Optional.ofNullable(load(key)).map(Product::snapshot));
    }

    /**
     * Forgets a product now and, when called within a transaction, again when that transaction completes, when the other
     * cluster members are told to forget it too.
     */
    public void evict(String id) {
        byId.forget(id);
        afterTransaction.run(() -> byId.forget(id));
        afterTransaction.runAfterCommit(() -> cluster.tell(ClusterNews.product(id)));
    }

    void heard(@Observes ClusterNews news) {
        if (news.topic() == ClusterNews.Topic.PRODUCT) {
            byId.forget(news.key());
        }
    }

    Product load(String id) {
        return em.find(Product.class, id);
    }
}
