package dev.keyward.web.customer;

import dev.keyward.domain.customer.Customer;

public record CustomerView(String id, String type, String name, String email) {

    static CustomerView of(Customer c) {
        return new CustomerView(c.id(), "customer", c.name(), c.email());
    }
}
