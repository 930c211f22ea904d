package dev.keyward.domain.product;

import dev.keyward.domain.shared.TenantEnvironment;
import java.time.Instant;

/**
 * A product as it was when read: what the store API shows of it and what deciding who may see it needs.
 * Immutable, so one copy kept in memory serves every reader; {@link Product} makes it and applies the same
 * visibility rule.
 */
public record ProductSnapshot(String id, TenantEnvironment scope, String name, String sku, String slug, String description,
                              String status, String commodityType, Instant createdAt, Instant updatedAt) {

    /** See {@link Product#isVisibleTo}. */
    public boolean isVisibleTo(String tenantId, String environment, boolean storefront) {
        return Product.isVisible(scope, status, tenantId, environment, storefront);
    }
}
