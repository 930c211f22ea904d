package dev.keyward.product.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.store.StoreScope;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.product.Product;
import dev.keyward.domain.shared.DomainException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;

/**
 * Products of the token's tenant and environment. Implicit (storefront) tokens see live products only:
 * a draft is as unknown to them as a product of another store.
 */
@Stateless
public class Products {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The writable fields of a product. */
    public record Fields(String name, String sku, String slug, String description, String status, String commodityType) {
    }

    public Product create(StoreScope scope, Fields f) {
        Product p = new Product(scope.where(), f.name(), f.sku(), f.slug(), f.description(), f.status(), f.commodityType(), clock.instant());
        persistUnique(p, f.sku());
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_CREATED, scope.actor(), "product", p.id(), p.sku());
        return p;
    }

    /** Reads need no transaction: the storefront's hot path should not pay for one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Product> list(StoreScope scope) {
        String jpql = "select p from Product p where p.scope.tenantId = :tenant and p.scope.environment = :environment"
                + (scope.token().isImplicit() ? " and p.status = 'live'" : "") + " order by p.createdAt";
        return em.createQuery(jpql, Product.class).setParameter("tenant", scope.token().tenantId())
                .setParameter("environment", scope.token().environment()).setMaxResults(500).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Product get(StoreScope scope, String id) {
        Product p = em.find(Product.class, id);
        boolean visible = p != null && p.scope().tenantId().equals(scope.token().tenantId())
                && p.scope().environment().equals(scope.token().environment())
                && (p.isLive() || !scope.token().isImplicit());
        if (!visible) {
            throw DomainException.notFound("product", id);
        }
        return p;
    }

    public Product update(StoreScope scope, String id, Fields f) {
        Product p = get(scope, id);
        p.update(f.name(), f.sku(), f.slug(), f.description(), f.status(), f.commodityType(), clock.instant());
        persistUnique(null, f.sku());
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_UPDATED, scope.actor(), "product", p.id(), p.sku());
        return p;
    }

    public void delete(StoreScope scope, String id) {
        Product p = get(scope, id);
        em.remove(p);
        audit.record(scope.token().tenantId(), AuditAction.PRODUCT_DELETED, scope.actor(), "product", p.id(), p.sku());
    }

    private void persistUnique(Product created, String sku) {
        try {
            if (created != null) {
                em.persist(created);
            }
            em.flush();
        } catch (PersistenceException duplicate) {
            throw DomainException.conflict("duplicate-sku", "A product with SKU '" + sku + "' already exists here.");
        }
    }
}
