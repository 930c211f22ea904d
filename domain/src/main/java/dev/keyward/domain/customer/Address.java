package dev.keyward.domain.customer;

import dev.keyward.domain.shared.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** One of a customer's addresses. It belongs to the customer and is reached only through them. */
@Entity
@Table(name = "customer_address")
public class Address {

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id", nullable = false)
    private Customer customer;

    @Column(name = "first_name", length = 100)
    private String firstName;

    @Column(name = "last_name", length = 100)
    private String lastName;

    @Column(name = "line_1", nullable = false, length = 200)
    private String line1;

    @Column(name = "line_2", length = 200)
    private String line2;

    @Column(nullable = false, length = 100)
    private String city;

    @Column(nullable = false, length = 20)
    private String postcode;

    @Column(nullable = false, length = 2)
    private String country;

    protected Address() {
    }

    public Address(Customer customer, Lines lines) {
        this.id = UUID.randomUUID().toString();
        this.customer = customer;
        update(lines);
    }

    /** The writable fields of an address, as one value. */
    public record Lines(String firstName, String lastName, String line1, String line2, String city, String postcode, String country) {
    }

    public void update(Lines l) {
        if (l.line1() == null || l.line1().isBlank() || l.city() == null || l.city().isBlank()
                || l.postcode() == null || l.postcode().isBlank()) {
            throw DomainException.invalid("invalid-address", "An address needs line_1, city and postcode.");
        }
        if (l.country() == null || !l.country().matches("[A-Z]{2}")) {
            throw DomainException.invalid("invalid-address", "An address needs a country as an ISO 3166 two-letter code, such as GB.");
        }
        firstName = DomainException.atMost(l.firstName(), 100, "invalid-address", "first_name");
        lastName = DomainException.atMost(l.lastName(), 100, "invalid-address", "last_name");
        line1 = DomainException.atMost(l.line1(), 200, "invalid-address", "line_1");
        line2 = DomainException.atMost(l.line2(), 200, "invalid-address", "line_2");
        city = DomainException.atMost(l.city(), 100, "invalid-address", "city");
        postcode = DomainException.atMost(l.postcode(), 20, "invalid-address", "postcode");
        country = l.country();
    }

    public Lines lines() {
        return new Lines(firstName, lastName, line1, line2, city, postcode, country);
    }

    public String id() { return id; }
    public Customer customer() { return customer; }
}
