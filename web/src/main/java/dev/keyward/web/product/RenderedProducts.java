package dev.keyward.web.product;

import dev.keyward.domain.product.ProductSnapshot;
import dev.keyward.web.SharedJsonb;
import dev.keyward.web.store.JsonApi.Document;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of a product's document, written once per snapshot: a snapshot never changes, so the same
 * snapshot always writes the same bytes, and a new snapshot (after a change) is written anew.
 */
@ApplicationScoped
public class RenderedProducts {

    static final int MAX_ENTRIES = 10_000;

    private record Rendered(ProductSnapshot source, byte[] json) {
    }

    private final ConcurrentHashMap<String, Rendered> byId = new ConcurrentHashMap<>();

    public byte[] of(ProductSnapshot product) {
        Rendered rendered = byId.get(product.id());
        if (rendered != null && rendered.source() == product) {
            return rendered.json();
        }
        byte[] json = SharedJsonb.jsonb().toJson(new Document<>(ProductView.of(product))).getBytes(StandardCharsets.UTF_8);
        if (byId.size() >= MAX_ENTRIES) {
            byId.clear();
        }
        byId.put(product.id(), new Rendered(product, json));
        return json;
    }
}
