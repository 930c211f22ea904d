package dev.keyward.domain.credential;

import java.util.Locale;

/**
 * Stored states. ACTIVE and DISABLED can turn into each other; REVOKED and EXPIRED are final. A credential
 * past its expiry reads as EXPIRED even before anything writes that state down. SUSPENDED is never stored:
 * an active credential reads so while Keycloak says its owner may not use it (account disabled, access
 * role gone), and reads ACTIVE again when Keycloak says so.
 */
public enum CredentialStatus {
    ACTIVE, DISABLED, REVOKED, EXPIRED, SUSPENDED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
