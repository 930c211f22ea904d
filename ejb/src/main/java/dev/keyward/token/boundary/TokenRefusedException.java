package dev.keyward.token.boundary;

import dev.keyward.domain.shared.DomainException;

/**
 * A resource server's refusal of the access token it was shown (RFC 6750 §3, RFC 9449 §7): answered 401 with a challenge in
 * {@code scheme} ({@code Bearer} or {@code DPoP}; null when no token came, so both are offered), the RFC's {@code error}
 * code (null when no token came), and, when the token's tenant asks for DPoP nonces, the nonce the next proof must carry.
 */
public class TokenRefusedException extends DomainException {

    public static final String BEARER = "Bearer";
    public static final String DPOP = "DPoP";

    private final String scheme;
    private final String error;
    private final String dpopNonce;

    TokenRefusedException(String scheme, String error, String detail, String dpopNonce) {
        super(Kind.UNAUTHENTICATED, error == null ? "invalid-token" : error.replace('_', '-'), "Unauthorized", detail);
        this.scheme = scheme;
        this.error = error;
        this.dpopNonce = dpopNonce;
    }

    public String scheme() {
        return scheme;
    }

    public String error() {
        return error;
    }

    public String dpopNonce() {
        return dpopNonce;
    }
}
