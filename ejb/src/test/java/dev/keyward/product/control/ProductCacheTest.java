package dev.keyward.product.control;

import dev.keyward.domain.product.Product;
import dev.keyward.domain.product.ProductSnapshot;
import dev.keyward.domain.shared.TenantEnvironment;
import dev.keyward.platform.control.AfterTransaction;
import dev.keyward.platform.control.Cluster;
import dev.keyward.platform.control.ClusterNews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the product cache serves and when it lets go: the database here is a map of committed rows, the
 * clock is moved by the test, and a transaction's completion is run by the test when it "commits".
 */
class ProductCacheTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final TenantEnvironment SHOP = new TenantEnvironment("tenant-1", "production");

    final Map<String, Product> committed = new HashMap<>();
    final List<Runnable> onCompletion = new ArrayList<>();
    final List<ClusterNews> told = new ArrayList<>();
    final MovingClock clock = new MovingClock();
    int loads;
    Runnable duringLoad = () -> { };
    TestCache cache;

    class TestCache extends ProductCache {
        @Override
        Product load(String id) {
            loads++;
            Product row = committed.get(id);
            duringLoad.run();
            return row;
        }
    }

    @BeforeEach
    void setUp() {
        cache = new TestCache();
        cache.clock = clock;
        cache.afterTransaction = new AfterTransaction() {
            @Override
            public void run(Runnable action) {
                onCompletion.add(action);
            }

            @Override
            public void runAfterCommit(Runnable action) {
                onCompletion.add(action);
            }
        };
        cache.cluster = new Cluster() {
            @Override
            public void tell(java.io.Serializable news) {
                told.add((ClusterNews) news);
            }
        };
    }

    Product row(String name) {
        return new Product(SHOP, name, "SKU-1", null, null, Product.LIVE, null, clock.instant());
    }

    /** A new row for the same product, as another transaction would commit it. */
    Product renamed(Product product, String name) {
        Product changed = row(name);
        committed.put(product.id(), changed);
        return changed;
    }

    void commit() {
        onCompletion.forEach(Runnable::run);
        onCompletion.clear();
    }

    @Test
    void aReadIsServedFromMemoryUntilTheEntryIsOlderThanItsMaximumAge() {
        Product p = row("Mug");
        committed.put(p.id(), p);
        ProductSnapshot first = cache.find(p.id()).orElseThrow();
        assertSame(first, cache.find(p.id()).orElseThrow(), "the same snapshot, no second load");
        assertEquals(1, loads);

        renamed(p, "Cup");   // changed through another server: no eviction reaches this one
        clock.advance(ProductCache.MAX_AGE.minusMillis(1));
        assertEquals("Mug", cache.find(p.id()).orElseThrow().name());
        clock.advance(Duration.ofMillis(1));
        assertEquals("Cup", cache.find(p.id()).orElseThrow().name(), "reloaded once the entry reached its maximum age");
        assertEquals(2, loads);
    }

    @Test
    void aChangeEvictsAtOnceAndAgainWhenItsTransactionCompletes() {
        Product p = row("Mug");
        committed.put(p.id(), p);
        cache.find(p.id());

        cache.evict(p.id());   // within the change's transaction, not yet committed
        assertEquals("Mug", cache.find(p.id()).orElseThrow().name(), "another reader still sees the committed row");
        renamed(p, "Cup");
        assertEquals(List.of(), told, "the other cluster members hear of it once it is committed, not before");
        commit();
        assertEquals("Cup", cache.find(p.id()).orElseThrow().name(), "what was read during the transaction is gone");
        assertEquals(3, loads);
        assertEquals(List.of(ClusterNews.product(p.id())), told);
    }

    @Test
    void whatAnotherMemberChangedIsForgottenWhenItTellsThisOne() {
        Product p = row("Mug");
        committed.put(p.id(), p);
        cache.find(p.id());
        renamed(p, "Cup");
        assertEquals("Mug", cache.find(p.id()).orElseThrow().name(), "kept until told");
        cache.heard(ClusterNews.credential(p.id()));
        assertEquals("Mug", cache.find(p.id()).orElseThrow().name(), "news of a credential is not news of a product");
        cache.heard(ClusterNews.product(p.id()));
        assertEquals("Cup", cache.find(p.id()).orElseThrow().name());
    }

    @Test
    void aLoadThatOverlapsAnEvictionDoesNotKeepWhatItRead() {
        Product p = row("Mug");
        committed.put(p.id(), p);
        duringLoad = () -> {   // the old row is read; then a change commits before the reader stores it
            duringLoad = () -> { };
            renamed(p, "Cup");
            cache.evict(p.id());
            commit();
        };
        assertEquals("Mug", cache.find(p.id()).orElseThrow().name(), "the reader answers with what it read");
        assertEquals("Cup", cache.find(p.id()).orElseThrow().name(), "but did not keep it");
        assertEquals("Cup", cache.find(p.id()).orElseThrow().name());
        assertEquals(2, loads);
    }

    @Test
    void anUnknownProductIsNotRemembered() {
        assertEquals(Optional.empty(), cache.find("no-such-product"));
        Product p = row("Mug");
        committed.put("no-such-product", p);
        assertTrue(cache.find("no-such-product").isPresent(), "found once it exists");
    }

    @Test
    void pastItsBoundTheCacheStartsOver() {
        for (int i = 0; i < ProductCache.MAX_ENTRIES; i++) {
            Product p = row("Product " + i);
            committed.put(p.id(), p);
            cache.find(p.id());
        }
        Product first = committed.values().iterator().next();
        int before = loads;
        cache.find(first.id());
        assertEquals(before, loads, "still cached at the bound");
        Product one = row("One more");
        committed.put(one.id(), one);
        cache.find(one.id());
        cache.find(first.id());
        assertEquals(before + 2, loads, "the cache started over when it was full");
    }

    static final class MovingClock extends Clock {
        private Instant now = NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
