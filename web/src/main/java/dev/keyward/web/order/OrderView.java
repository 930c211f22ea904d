package dev.keyward.web.order;

import dev.keyward.domain.order.CustomerOrder;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

public record OrderView(String id, String type, String status, @JsonbProperty("customer_id") String customerId,
                        OrderBody.Money total, @JsonbProperty("created_at") Instant createdAt) {

    static OrderView of(CustomerOrder o) {
        return new OrderView(o.id(), "order", o.status(), o.customer().id(), new OrderBody.Money(o.totalAmount(), o.currency()),
                o.createdAt());
    }
}
