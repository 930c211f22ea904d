package dev.keyward.domain.credential;

/**
 * A secret that must be recoverable (an EUID key's client secret, the key of its envelopes), as the database keeps
 * it: encrypted under the master key {@code masterKeyId}, never in clear. Sealing and opening happen outside the
 * domain, where the master keys are.
 */
public record SealedSecret(String masterKeyId, String sealed) {

    public SealedSecret {
        if (masterKeyId == null || masterKeyId.isBlank() || sealed == null || sealed.isBlank()) {
            throw new IllegalArgumentException("a sealed secret names its master key and holds its ciphertext");
        }
    }

    static SealedSecret ofColumns(String masterKeyId, String sealed) {
        return masterKeyId == null || sealed == null ? null : new SealedSecret(masterKeyId, sealed);
    }

    @Override
    public String toString() {
        return "SealedSecret[" + masterKeyId + "]";
    }
}
