package dev.keyward.domain.credential;

/**
 * What a tenant's credentials are, as its seed document defines them: OAuth client credentials that buy access
 * tokens (Elastic Path, Sensedia), or EUID keys, an API key sent as a bearer on every request with a client secret
 * that never travels and encrypts every request and response (EUID). Each kind has its own permission catalogue.
 */
public enum CredentialKind {
    OAUTH_CLIENT("oauth-client"),
    EUID_KEY("euid-key");

    private final String slug;

    CredentialKind(String slug) {
        this.slug = slug;
    }

    /** The kind's name on the wire. */
    public String slug() {
        return slug;
    }
}
