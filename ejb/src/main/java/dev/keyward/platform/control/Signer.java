package dev.keyward.platform.control;

import jakarta.json.JsonObject;

/**
 * Signs claims as a compact JWS with Keyward's current token-signing key, whose public half is in its JWKS: for what
 * Keyward asserts to others beside its access tokens (Security Event Tokens). The type keeps each kind from passing for
 * another.
 */
public interface Signer {

    String sign(JsonObject claims, String typ);
}
