package dev.keyward.token.boundary;

/**
 * An RFC 6749 §5.2 error. {@code error} is one of the RFC's codes; {@code description} is for the
 * developer reading it, never a hint that tells an unknown client from a wrong secret.
 */
public class OAuthError extends RuntimeException {

    private final String error;

    public OAuthError(String error, String description) {
        super(description, null, false, false);
        this.error = error;
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
