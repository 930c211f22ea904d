package dev.keyward.domain.credential;

/**
 * Stored states. ACTIVE and DISABLED can turn into each other; REVOKED and EXPIRED are final. A credential
 * past its expiry reads as EXPIRED even before anything writes that state down.
 */
public enum CredentialStatus {
    ACTIVE, DISABLED, REVOKED, EXPIRED;

    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
