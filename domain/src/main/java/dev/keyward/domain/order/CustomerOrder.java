package dev.keyward.domain.order;

import dev.keyward.domain.customer.Customer;
import dev.keyward.domain.shared.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An order of one customer, with its total in minor units of its currency. */
@Entity
@Table(name = "customer_order")
public class CustomerOrder {

    /** The largest total an order takes, in minor units: ten billion in a two-decimal currency. */
    public static final long MAX_TOTAL = 1_000_000_000_000L;

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "customer_id", nullable = false)
    private Customer customer;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "total_amount", nullable = false)
    private long totalAmount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CustomerOrder() {
    }

    public CustomerOrder(Customer customer, long totalAmount, String currency, Instant now) {
        if (totalAmount < 1 || totalAmount > MAX_TOTAL) {
            throw DomainException.invalid("invalid-order", "An order's total is 1 to " + MAX_TOTAL + " minor units of its currency.");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw DomainException.invalid("invalid-order", "An order's currency is an ISO 4217 code, such as USD.");
        }
        this.id = UUID.randomUUID().toString();
        this.customer = customer;
        this.status = "incomplete";
        this.totalAmount = totalAmount;
        this.currency = currency;
        this.createdAt = now;
    }

    public String id() { return id; }
    public Customer customer() { return customer; }
    public String status() { return status; }
    public long totalAmount() { return totalAmount; }
    public String currency() { return currency; }
    public Instant createdAt() { return createdAt; }
}
