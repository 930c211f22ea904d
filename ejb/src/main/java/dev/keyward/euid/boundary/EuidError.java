package dev.keyward.euid.boundary;

/**
 * A refusal on the EUID endpoints, in the operator's words: {@code {"status":"client_error","message":...}} for what the
 * participant sent, {@code {"status":"unauthorized"}} for a key that may not call the endpoint. A key bound to a public key
 * that came without a valid DPoP proof is refused in the same words, with RFC 9449's challenge ({@code dpopError}) and,
 * where its participant asks for them, the nonce the next proof must carry.
 */
public class EuidError extends RuntimeException {

    private final int httpStatus;
    private final String status;
    private final String dpopError;
    private final String dpopNonce;

    public EuidError(int httpStatus, String status, String message) {
        this(httpStatus, status, message, null, null);
    }

    private EuidError(int httpStatus, String status, String message, String dpopError, String dpopNonce) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.status = status;
        this.dpopError = dpopError;
        this.dpopNonce = dpopNonce;
    }

    public static EuidError clientError(String message) {
        return new EuidError(400, "client_error", message);
    }

    public static EuidError unauthorized() {
        return new EuidError(401, "unauthorized", null);
    }

    /** A known key's request refused for its DPoP proof: RFC 9449's {@code error} ({@code invalid_dpop_proof}, say). */
    static EuidError dpopRefused(String error, String message, String nonce) {
        return new EuidError(401, "unauthorized", message, error, nonce);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String status() {
        return status;
    }

    /** RFC 9449's error code for the challenge; null unless the refusal is about DPoP. */
    public String dpopError() {
        return dpopError;
    }

    public String dpopNonce() {
        return dpopNonce;
    }
}
