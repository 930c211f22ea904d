package dev.keyward.webhook.control;

/** One delivery, ready to send: where, what, and the endpoint's secret to sign it with. */
public record Outgoing(String deliveryId, String url, String eventId, String eventType, String payload, byte[] secret) {

    @Override
    public String toString() {
        return "Outgoing[" + deliveryId + " to " + url + "]"; // never the secret
    }
}
