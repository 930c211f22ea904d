package dev.keyward.web.product;

import dev.keyward.domain.product.ProductSnapshot;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** A product as the store API shows it. */
public record ProductView(String id, String type, String name, String sku, String slug, String description, String status,
                          @JsonbProperty("commodity_type") String commodityType, Meta meta) {

    public record Meta(Timestamps timestamps) {
    }

    public record Timestamps(@JsonbProperty("created_at") Instant createdAt, @JsonbProperty("updated_at") Instant updatedAt) {
    }

    static ProductView of(ProductSnapshot p) {
        return new ProductView(p.id(), "product", p.name(), p.sku(), p.slug(), p.description(), p.status(), p.commodityType(),
                new Meta(new Timestamps(p.createdAt(), p.updatedAt())));
    }
}
