package dev.keyward.web.token;

import dev.keyward.token.boundary.IssuedToken;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * RFC 6749 §5.1, plus Elastic Path's {@code expires} (epoch seconds) and {@code identifier} (the grant); {@code token_type} is
 * {@code DPoP} for a token bound to the client's key (RFC 9449 §5.1).
 */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "expires", "scope", "identifier"})
public record TokenResponse(@JsonbProperty("access_token") String accessToken,
                            @JsonbProperty("token_type") String tokenType,
                            @JsonbProperty("expires_in") long expiresIn,
                            long expires,
                            String scope,
                            String identifier) {

    static TokenResponse of(IssuedToken t) {
        return new TokenResponse(t.accessToken(), t.isBound() ? "DPoP" : "Bearer", t.expiresIn(), t.expires().getEpochSecond(), t.scope(), t.grant());
    }
}
