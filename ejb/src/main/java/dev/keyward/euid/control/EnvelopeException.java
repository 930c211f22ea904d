package dev.keyward.euid.control;

/** An envelope that cannot be opened, with the reason the participant is told: never anything about the secret. */
public class EnvelopeException extends Exception {

    public EnvelopeException(String message) {
        super(message, null, false, false);
    }
}
