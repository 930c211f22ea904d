package dev.keyward.domain.credential;

/**
 * What the domain keeps of a freshly generated secret: its keyed hash (hex) and a hint a person can
 * recognise it by (prefix and last four characters). The secret itself never reaches an entity.
 */
public record StoredSecret(String hash, String hint) {

    public StoredSecret {
        if (hash == null || hash.length() != 64) {
            throw new IllegalArgumentException("a secret hash is 32 bytes, hex");
        }
    }
}
