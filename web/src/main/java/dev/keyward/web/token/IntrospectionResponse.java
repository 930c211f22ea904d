package dev.keyward.web.token;

import dev.keyward.domain.credential.Permission;
import dev.keyward.token.boundary.AccessToken;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * RFC 7662 §2.2: an active token's claims, plus Keyward's {@code tenant}, {@code environment}, {@code grant} and
 * {@code owner} (absent when no person owns the credential), and for a token bound to a key its {@code cnf} (RFC 9449 §6.2:
 * the key's thumbprint) and {@code token_type} {@code DPoP}; anything else is {@code {"active":false}} alone, since an
 * absent value is left out.
 */
@JsonbPropertyOrder({"active", "scope", "clientId", "tokenType", "exp", "iat", "sub", "aud", "iss", "jti", "tenant", "environment",
        "grant", "owner", "cnf"})
public record IntrospectionResponse(boolean active, String scope,
                                    @JsonbProperty("client_id") String clientId,
                                    @JsonbProperty("token_type") String tokenType,
                                    Long exp, Long iat, String sub, String aud, String iss, String jti,
                                    String tenant, String environment, String grant, String owner, Confirmation cnf) {

    static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** RFC 7800's confirmation claim, with RFC 9449's JWK thumbprint. */
    public record Confirmation(String jkt) {
    }

    static IntrospectionResponse of(AccessToken t) {
        return new IntrospectionResponse(true, Permission.printScope(t.permissions()), t.clientId(), t.isBound() ? "DPoP" : "Bearer",
                t.expiresAt().getEpochSecond(), t.issuedAt().getEpochSecond(), t.clientId(), t.audience(), t.issuer(), t.jti(),
                t.tenant(), t.environment(), t.grant(), t.owner(), t.isBound() ? new Confirmation(t.jkt()) : null);
    }
}
