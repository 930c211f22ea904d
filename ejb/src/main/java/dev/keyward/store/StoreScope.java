package dev.keyward.store;


import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TenantEnvironment;
import dev.keyward.token.boundary.AccessToken;

/**
 * Who is asking the store API, and for whose data: the access token (its tenant and environment bound
 * every query), the customer token when one came with it, and the caller's address for the audit trail.
 */
public record StoreScope(AccessToken token, CustomerToken customer, String sourceIp) {

    public StoreScope {
        if (customer != null && !(customer.tenant().equals(token.tenant()) && customer.environment().equals(token.environment()))) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid-customer-token", "Invalid customer token",
                    "The customer token belongs to another store or environment than the access token.");
        }
    }

    public TenantEnvironment where() {
        return new TenantEnvironment(token.tenantId(), token.environment());
    }

    public Actor actor() {
        return token.actor(sourceIp);
    }

    /** With a customer token, only that customer exists; another customer's id reads as unknown. */
    public void requireCustomer(String customerId) {
        if (customer != null && !customer.customerId().equals(customerId)) {
            throw DomainException.notFound("customer", customerId);
        }
    }
}
