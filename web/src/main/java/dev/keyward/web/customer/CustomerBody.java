package dev.keyward.web.customer;

import dev.keyward.web.store.JsonApi;
/** The {@code data} of a customer request. The password is write-only: no response ever holds it. */
public record CustomerBody(String type, String name, String email, String password) {

    @Override
    public String toString() {
        return "CustomerBody[" + email + "]";
    }

    /** The request envelope, {@code {"data": …}}. */
    public record Request(CustomerBody data) implements JsonApi.Envelope<CustomerBody> {
    }
}
