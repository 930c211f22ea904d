package dev.keyward.webhook.control;

/**
 * One delivery, ready to send: where, what, the endpoint's secret to sign it with, and whether the payload is the claims
 * of a Security Event Token ({@code securityEvent}), to be sent as one.
 */
public record Outgoing(String deliveryId, String url, String eventId, String eventType, String payload, byte[] secret,
                       boolean securityEvent) {

    @Override
    public String toString() {
        return "Outgoing[" + deliveryId + " to " + url + "]"; // never the secret
    }
}
