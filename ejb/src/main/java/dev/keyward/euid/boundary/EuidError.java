package dev.keyward.euid.boundary;

/**
 * A refusal on the EUID endpoints, in the operator's words: {@code {"status":"client_error","message":...}} for what the
 * participant sent, {@code {"status":"unauthorized"}} for a key that may not call the endpoint.
 */
public class EuidError extends RuntimeException {

    private final int httpStatus;
    private final String status;

    public EuidError(int httpStatus, String status, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    public static EuidError clientError(String message) {
        return new EuidError(400, "client_error", message);
    }

    public static EuidError unauthorized() {
        return new EuidError(401, "unauthorized", null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String status() {
        return status;
    }
}
