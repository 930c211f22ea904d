package dev.keyward.order.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.customer.boundary.Customers;
import dev.keyward.store.StoreScope;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.customer.Customer;
import dev.keyward.domain.order.CustomerOrder;
import dev.keyward.domain.shared.DomainException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/** A customer's orders: read by the customer (customer token) or the back office; created by the back office. */
@Stateless
public class CustomerOrders {

    @PersistenceContext
    EntityManager em;

    @EJB
    Customers customers;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public CustomerOrder create(StoreScope scope, String customerId, long totalAmount, String currency) {
        Customer c = customers.get(scope, customerId);
        CustomerOrder order = new CustomerOrder(c, totalAmount, currency, clock.instant());
        em.persist(order);
        audit.record(scope.token().tenantId(), AuditAction.ORDER_CREATED, scope.actor(), "order", order.id(),
                "customer " + customerId + ", " + totalAmount + " " + currency);
        return order;
    }

    public List<CustomerOrder> list(StoreScope scope, String customerId) {
        Customer c = customers.get(scope, customerId);
        return em.createQuery("select o from CustomerOrder o where o.customer = :customer order by o.createdAt desc", CustomerOrder.class)
                .setParameter("customer", c).getResultList();
    }

    public CustomerOrder get(StoreScope scope, String customerId, String orderId) {
        Customer c = customers.get(scope, customerId);
        CustomerOrder o = em.find(CustomerOrder.class, orderId);
        if (o == null || !o.customer().id().equals(c.id())) {
            throw DomainException.notFound("order", orderId);
        }
        return o;
    }
}
