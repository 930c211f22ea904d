package dev.keyward.product.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.product.Product;
import dev.keyward.domain.product.ProductSnapshot;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.product.control.ProductCache;
import dev.keyward.store.StoreScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Products of the token's tenant and environment. Implicit (storefront) tokens see live products only:
 * a draft is as unknown to them as a product of another store.
 *
 * <p>A CDI bean rather than an EJB: a read, the storefront's hot path, passes no EJB pool or interceptors,
 * opens no transaction and is answered from the {@link ProductCache}; each write is one transaction
 * ({@code @Transactional}) with its audit event, and evicts the product it changed.
 */
@ApplicationScoped
public class Products {

    @PersistenceContext
    EntityManager em;

    @Inject
    ProductCache cache;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The writable fields of a product. */
    public record Fields(String name, String sku, String slug, String description, String status, String commodityType) {
    }

    @Transactional
    public ProductSnapshot create(StoreScope scope, Fields f) {
        Product p = new Product(scope.where(), f.name(), f.sku(), f.slug(), f.description(), f.status(), f.commodityType(), clock.instant());
        persistUnique(p, f.sku());
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_CREATED, scope.actor(), "product", p.id(), p.sku());
        return p.snapshot();
    }

    /** Reads need no transaction: the storefront's hot path should not pay for one. */
    public List<ProductSnapshot> list(StoreScope scope) {
        String jpql = "select p from Product p where p.scope.tenantId = :tenant and p.scope.environment = :environment"
                + (scope.token().isImplicit() ? " and p.status = '" + Product.LIVE + "'" : "") + " order by p.createdAt";
        return em.createQuery(jpql, Product.class).setParameter("tenant", scope.token().tenantId())
                .setParameter("environment", scope.token().environment()).setMaxResults(500).getResultStream()
                .map(Product::snapshot).toList();
    }

    public ProductSnapshot get(StoreScope scope, String id) {
        return cache.find(id).filter(p -> p.isVisibleTo(scope.token().tenantId(), scope.token().environment(), scope.token().isImplicit()))
                .orElseThrow(() -> DomainException.notFound("product", id));
    }

    @Transactional
    public ProductSnapshot update(StoreScope scope, String id, Fields f) {
        Product p = managed(scope, id);
        p.update(f.name(), f.sku(), f.slug(), f.description(), f.status(), f.commodityType(), clock.instant());
        persistUnique(null, f.sku());
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_UPDATED, scope.actor(), "product", p.id(), p.sku());
        return p.snapshot();
    }

    @Transactional
    public void delete(StoreScope scope, String id) {
        Product p = managed(scope, id);
        em.remove(p);
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_DELETED, scope.actor(), "product", p.id(), p.sku());
    }

    /** The product itself, for a change, locked against a concurrent one by its version; evicted from the cache. */
    private Product managed(StoreScope scope, String id) {
        Product p = em.find(Product.class, id);
        if (p == null || !p.isVisibleTo(scope.token().tenantId(), scope.token().environment(), scope.token().isImplicit())) {
            throw DomainException.notFound("product", id);
        }
        cache.evict(id);
        return p;
    }

    private void persistUnique(Product created, String sku) {
        try {
            if (created != null) {
                em.persist(created);
            }
            em.flush();
        } catch (OptimisticLockException concurrent) {
            throw DomainException.conflict("concurrent-change", "The product was changed by another request meanwhile; read it and try again.");
        } catch (PersistenceException duplicate) {
            throw DomainException.conflict("duplicate-sku", "A product with SKU '" + sku + "' already exists here.");
        }
    }
}
