package dev.keyward.client;

/** Keyward refused a token request: its HTTP status, its OAuth {@code error} and its description. */
public class KeywardException extends RuntimeException {

    private final int status;
    private final String error;

    public KeywardException(int status, String error, String description) {
        super(error + ": " + description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
