package dev.keyward.domain.product;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TenantEnvironment;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A product of one tenant's environment. A draft is visible to the back office only; a live product is
 * also visible to the storefront (implicit tokens). The storefront reads products far more often than anyone
 * writes them, so reads are served from {@link ProductSnapshot}s kept in memory.
 */
@Entity
@Table(name = "product")
public class Product {

    public static final String DRAFT = "draft";
    public static final String LIVE = "live";
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    @Id
    @Column(length = 36)
    private String id;

    @Embedded
    private TenantEnvironment scope;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 100)
    private String sku;

    @Column(length = 200)
    private String slug;

    @Column(length = 2000)
    private String description;

    @Column(nullable = false, length = 8)
    private String status;

    @Column(name = "commodity_type", nullable = false, length = 16)
    private String commodityType;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Product() {
    }

    public Product(TenantEnvironment scope, String name, String sku, String slug, String description, String status,
                   String commodityType, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.scope = scope;
        this.createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        update(name, sku, slug, description, status, commodityType, now);
    }

    /** Changes the product; its times are kept to the millisecond, as the store API shows them (and as every database stores them). */
    public void update(String name, String sku, String slug, String description, String status, String commodityType, Instant now) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("invalid-product", "A product needs a name.");
        }
        if (sku == null || sku.isBlank()) {
            throw DomainException.invalid("invalid-product", "A product needs a SKU.");
        }
        String s = status == null ? DRAFT : status;
        if (!DRAFT.equals(s) && !LIVE.equals(s)) {
            throw DomainException.invalid("invalid-product", "A product's status is '" + DRAFT + "' or '" + LIVE + "'.");
        }
        String type = commodityType == null ? "physical" : commodityType;
        if (!"physical".equals(type) && !"digital".equals(type)) {
            throw DomainException.invalid("invalid-product", "A product's commodity_type is 'physical' or 'digital'.");
        }
        this.name = DomainException.atMost(name.strip(), 200, "invalid-product", "A product's name");
        this.sku = DomainException.atMost(sku.strip(), 100, "invalid-product", "A product's SKU");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            throw DomainException.invalid("invalid-product", "A product's slug is 1 to 200 letters, digits, dashes, underscores and dots.");
        }
        this.slug = slug;
        this.description = DomainException.atMost(description, 2000, "invalid-product", "A product's description");
        this.status = s;
        this.commodityType = type;
        this.updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean isLive() {
        return LIVE.equals(status);
    }

    /**
     * Whether a token of this tenant and environment sees this product: every product of its own store, except
     * that a storefront (implicit) token sees live products only. Anything else is as unknown as a product that
     * does not exist.
     */
    public boolean isVisibleTo(String tenantId, String environment, boolean storefront) {
        return isVisible(scope, status, tenantId, environment, storefront);
    }

    static boolean isVisible(TenantEnvironment owner, String status, String tenantId, String environment, boolean storefront) {
        return owner.tenantId().equals(tenantId) && owner.environment().equals(environment) && (LIVE.equals(status) || !storefront);
    }

    /** This product as it is now, detached from the persistence context. */
    public ProductSnapshot snapshot() {
        return new ProductSnapshot(id, new TenantEnvironment(scope.tenantId(), scope.environment()), name, sku, slug, description,
                status, commodityType, createdAt, updatedAt);
    }

    public String id() { return id; }
    public TenantEnvironment scope() { return scope; }
    public String name() { return name; }
    public String sku() { return sku; }
    public String slug() { return slug; }
    public String description() { return description; }
    public String status() { return status; }
    public String commodityType() { return commodityType; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
