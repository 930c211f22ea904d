package dev.keyward.web.customer;

import dev.keyward.store.CustomerToken;
import jakarta.json.bind.annotation.JsonbProperty;

public record CustomerTokenView(String type, String id, @JsonbProperty("customer_id") String customerId, String token, long expires) {

    static CustomerTokenView of(CustomerToken t) {
        return new CustomerTokenView("token", t.customerId(), t.customerId(), t.token(), t.expires().getEpochSecond());
    }
}
