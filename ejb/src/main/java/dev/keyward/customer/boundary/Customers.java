package dev.keyward.customer.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.store.StoreScope;
import dev.keyward.customer.control.PasswordHasher;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.customer.Address;
import dev.keyward.domain.customer.Customer;
import dev.keyward.domain.shared.DomainException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;

/**
 * Customers and their addresses in the token's tenant and environment. With a customer token, only that
 * customer is reachable.
 */
@Stateless
public class Customers {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher passwords;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Customer create(StoreScope scope, String name, String email, String password) {
        requirePassword(password);
        Customer c = new Customer(scope.where(), name, email, passwords.hash(password), clock.instant());
        refuseTakenEmail(c);
        try {
            em.persist(c);
            em.flush();
        } catch (PersistenceException duplicate) {
            throw DomainException.conflict("duplicate-email", "A customer with this e-mail already exists here.");
        }
        audit.record(scope.token().tenantId(), AuditAction.CUSTOMER_CREATED, scope.actor(), "customer", c.id(), null);
        return c;
    }

    public Customer get(StoreScope scope, String id) {
        scope.requireCustomer(id);
        Customer c = em.find(Customer.class, id);
        if (c == null || !c.scope().tenantId().equals(scope.token().tenantId())
                || !c.scope().environment().equals(scope.token().environment())) {
            throw DomainException.notFound("customer", id);
        }
        return c;
    }

    public Customer update(StoreScope scope, String id, String name, String email, String password) {
        Customer c = get(scope, id);
        c.update(name == null ? c.name() : name, email == null ? c.email() : email);
        refuseTakenEmail(c);
        if (password != null) {
            requirePassword(password);
            c.changePassword(passwords.hash(password));
        }
        audit.record(scope.token().tenantId(), AuditAction.CUSTOMER_UPDATED, scope.actor(), "customer", c.id(),
                password != null ? "password changed" : null);
        return c;
    }

    /**
     * Another customer of the same store with this e-mail is a 409, found by a query rather than by the database's
     * unique index: a refused insert would log the address it refused. The index still decides a race.
     */
    private void refuseTakenEmail(Customer c) {
        boolean taken = em.createNamedQuery(Customer.BY_EMAIL, Customer.class)
                .setParameter("tenant", c.scope().tenantId()).setParameter("environment", c.scope().environment())
                .setParameter("email", c.email()).setFlushMode(FlushModeType.COMMIT).getResultStream()
                .anyMatch(other -> !other.id().equals(c.id()));
        if (taken) {
            throw DomainException.conflict("duplicate-email", "A customer with this e-mail already exists here.");
        }
    }

    public List<Address> addresses(StoreScope scope, String customerId) {
        Customer c = get(scope, customerId);
        return em.createQuery("select a from Address a where a.customer = :customer order by a.id", Address.class)
                .setParameter("customer", c).getResultList();
    }

    public Address address(StoreScope scope, String customerId, String addressId) {
        Customer c = get(scope, customerId);
        Address a = em.find(Address.class, addressId);
        if (a == null || !a.customer().id().equals(c.id())) {
            throw DomainException.notFound("address", addressId);
        }
        return a;
    }

    public Address addAddress(StoreScope scope, String customerId, Address.Lines lines) {
        Address a = new Address(get(scope, customerId), lines);
        em.persist(a);
        audit.record(scope.token().tenantId(), AuditAction.ADDRESS_CREATED, scope.actor(), "address", a.id(), "customer " + customerId);
        return a;
    }

    public Address updateAddress(StoreScope scope, String customerId, String addressId, Address.Lines lines) {
        Address a = address(scope, customerId, addressId);
        a.update(lines);
        audit.record(scope.token().tenantId(), AuditAction.ADDRESS_UPDATED, scope.actor(), "address", a.id(), "customer " + customerId);
        return a;
    }

    public void deleteAddress(StoreScope scope, String customerId, String addressId) {
        Address a = address(scope, customerId, addressId);
        em.remove(a);
        audit.record(scope.token().tenantId(), AuditAction.ADDRESS_DELETED, scope.actor(), "address", a.id(), "customer " + customerId);
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw DomainException.invalid("invalid-customer", "A customer's password is 8 to 200 characters.");
        }
    }
}
