package dev.keyward.web.order;

import dev.keyward.web.store.JsonApi;
/** The {@code data} of an order request: its total in minor units of its currency. */
public record OrderBody(String type, Money total) {

    public record Money(Long amount, String currency) {
    }

    /** The request envelope, {@code {"data": …}}. */
    public record Request(OrderBody data) implements JsonApi.Envelope<OrderBody> {
    }
}
