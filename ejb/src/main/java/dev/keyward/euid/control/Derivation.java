package dev.keyward.euid.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys derived from the EUID root key with HMAC-SHA-256, one label each, so that no two uses share a key. */
final class Derivation {

    private Derivation() {
    }

    static byte[] derive(byte[] root, String label) {
        return mac(root).doFinal(label.getBytes(StandardCharsets.UTF_8));
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
