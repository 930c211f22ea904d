package dev.keyward.access;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this server has asked Keycloak about every member since it started. Until it has, what happened to a
 * person in Keycloak while Keyward was not running (disabled, deleted, MFA added) is unknown here, so the token plane
 * issues and accepts no tokens for credentials that people own; the tenant's own keys are not concerned.
 */
@ApplicationScoped
public class DirectoryReadiness {

    private volatile boolean ownersKnown;

    public boolean ownersKnown() {
        return ownersKnown;
    }

    public void reconciled() {
        ownersKnown = true;
    }
}
