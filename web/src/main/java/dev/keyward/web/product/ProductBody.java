package dev.keyward.web.product;

import dev.keyward.web.store.JsonApi;
import dev.keyward.product.boundary.Products;
import jakarta.json.bind.annotation.JsonbProperty;

/** The {@code data} of a product request. */
public record ProductBody(String type, String name, String sku, String slug, String description, String status,
                          @JsonbProperty("commodity_type") String commodityType) {

    Products.Fields fields() {
        return new Products.Fields(name, sku, slug, description, status, commodityType);
    }

    /** The request envelope, {@code {"data": …}}. */
    public record Request(ProductBody data) implements JsonApi.Envelope<ProductBody> {
    }
}
