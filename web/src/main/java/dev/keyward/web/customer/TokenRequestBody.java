package dev.keyward.web.customer;

import dev.keyward.web.store.JsonApi;
import jakarta.json.bind.annotation.JsonbProperty;

/** {@code POST /v2/customers/tokens}: a customer signs in. */
public record TokenRequestBody(String type, String email, String password,
                               @JsonbProperty("authentication_mechanism") String authenticationMechanism) {

    @Override
    public String toString() {
        return "TokenRequestBody[" + email + "]";
    }

    /** The request envelope, {@code {"data": …}}. */
    public record Request(TokenRequestBody data) implements JsonApi.Envelope<TokenRequestBody> {
    }
}
