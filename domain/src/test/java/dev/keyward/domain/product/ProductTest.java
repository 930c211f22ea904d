package dev.keyward.domain.product;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TenantEnvironment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456789Z");
    static final TenantEnvironment SHOP = new TenantEnvironment("tenant-1", "production");

    @Test
    void theBackOfficeSeesEveryProductOfItsStoreTheStorefrontOnlyLiveOnes() {
        Product draft = new Product(SHOP, "Mug", "MUG-1", null, null, Product.DRAFT, null, NOW);
        Product live = new Product(SHOP, "Cup", "CUP-1", null, null, Product.LIVE, null, NOW);

        assertTrue(draft.isVisibleTo("tenant-1", "production", false));
        assertFalse(draft.isVisibleTo("tenant-1", "production", true), "a draft is not on the storefront");
        assertTrue(live.isVisibleTo("tenant-1", "production", true));
        assertFalse(live.isVisibleTo("tenant-2", "production", false), "another store's product");
        assertFalse(live.isVisibleTo("tenant-1", "integration", false), "another environment's product");
    }

    @Test
    void aSnapshotShowsTheProductAsItWasAndDecidesAsItDoes() {
        Product p = new Product(SHOP, " Mug ", "MUG-1", "mug", "A mug", Product.DRAFT, "digital", NOW);
        ProductSnapshot before = p.snapshot();
        p.update("Mug", "MUG-1", "mug", "A mug", Product.LIVE, "digital", NOW.plusSeconds(60));

        assertEquals("Mug", before.name(), "the name is stored stripped");
        assertEquals(Product.DRAFT, before.status(), "a snapshot does not follow later changes");
        assertEquals(Product.LIVE, p.snapshot().status());
        for (String tenant : new String[] {"tenant-1", "tenant-2"}) {
            for (boolean storefront : new boolean[] {true, false}) {
                assertEquals(p.isVisibleTo(tenant, "production", storefront), p.snapshot().isVisibleTo(tenant, "production", storefront));
            }
        }
    }

    @Test
    void timesAreKeptToTheMillisecondAsTheStoreApiShowsThem() {
        Product p = new Product(SHOP, "Mug", "MUG-1", null, null, null, null, NOW);
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), p.createdAt());
        assertEquals(p.createdAt(), p.updatedAt());
    }

    @Test
    void aProductNeedsANameASkuAKnownStatusAndCommodityTypeAndFieldsThatFitTheirColumns() {
        assertThrows(DomainException.class, () -> new Product(SHOP, " ", "MUG-1", null, null, null, null, NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "Mug", null, null, null, null, null, NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "Mug", "MUG-1", null, null, "archived", null, NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "Mug", "MUG-1", null, null, null, "service", NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "n".repeat(201), "MUG-1", null, null, null, null, NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "Mug", "s".repeat(101), null, null, null, null, NOW));
        assertThrows(DomainException.class, () -> new Product(SHOP, "Mug", "MUG-1", null, "d".repeat(2001), null, null, NOW));
        assertEquals(200, new Product(SHOP, "n".repeat(200) + "  ", "MUG-1", null, null, null, null, NOW).name().length(), "stripped, then measured");
    }
}
