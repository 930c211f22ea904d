package dev.keyward.web.customer;

import dev.keyward.web.store.JsonApi;
import dev.keyward.domain.customer.Address;
import jakarta.json.bind.annotation.JsonbProperty;

/** An address in Elastic Path's field names, for requests and responses alike. */
public record AddressBody(String id, String type, @JsonbProperty("first_name") String firstName,
                          @JsonbProperty("last_name") String lastName, @JsonbProperty("line_1") String line1,
                          @JsonbProperty("line_2") String line2, String city, String postcode,
                          @JsonbProperty("country") String country) {

    Address.Lines lines() {
        return new Address.Lines(firstName, lastName, line1, line2, city, postcode, country);
    }

    static AddressBody of(Address a) {
        Address.Lines l = a.lines();
        return new AddressBody(a.id(), "address", l.firstName(), l.lastName(), l.line1(), l.line2(), l.city(), l.postcode(), l.country());
    }

    /** The request envelope, {@code {"data": …}}. */
    public record Request(AddressBody data) implements JsonApi.Envelope<AddressBody> {
    }
}
