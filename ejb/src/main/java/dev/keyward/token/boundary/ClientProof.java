package dev.keyward.token.boundary;

/**
 * How a client proved who it is at an OAuth endpoint: its ID and secret (RFC 6749 §2.3.1), or a client assertion signed
 * with its private key (RFC 7523, {@code private_key_jwt}) with the assertion's type, and the client ID if it gave one.
 */
public record ClientProof(String clientId, String secret, String assertion, String assertionType) {

    @Override
    public String toString() {
        return "ClientProof[" + clientId + "]"; // never the secret or the assertion
    }
}
