package dev.keyward.token.boundary;

/**
 * An RFC 6749 §5.2 error. {@code error} is one of the RFC's codes; {@code description} is for the
 * developer reading it, never a hint that tells an unknown client from a wrong secret.
 */
public class OAuthError extends RuntimeException {

    private final String error;
    private final String dpopNonce;

    public OAuthError(String error, String description) {
        this(error, description, null);
    }

    /** With the DPoP nonce (RFC 9449 §8) the client's next proof must carry, for a tenant that asks for nonces. */
    OAuthError(String error, String description, String dpopNonce) {
        super(description, null, false, false);
        this.error = error;
        this.dpopNonce = dpopNonce;
    }

    public String dpopNonce() {
        return dpopNonce;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public static OAuthError invalidClient() {
        return new OAuthError("invalid_client", "Client authentication failed.");
    }
}
