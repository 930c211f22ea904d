package dev.keyward.platform.control;

import java.io.Serializable;

/**
 * What one server tells the others the moment a change commits, so that they act on it at once instead of at their
 * next look at the database (which still runs, for a server that was away). Only names travel, never a secret.
 *
 * @param topic what changed
 * @param key   which one: a client ID, a token ID with its expiry ({@code jti expiresAt}), or nothing
 */
public record ClusterNews(Topic topic, String key) implements Serializable {

    public enum Topic {
        /** A credential or EUID key changed (revoked, disabled, suspended, rotated, its permissions): forget it. */
        CREDENTIAL,
        /** One access token was revoked: refuse it. */
        TOKEN_REVOKED,
        /** The signing keys changed (rotation): publish what the database has. */
        SIGNING_KEYS,
        /** A store product changed: forget it. */
        PRODUCT
    }

    public static ClusterNews credential(String clientId) {
        return new ClusterNews(Topic.CREDENTIAL, clientId);
    }

    public static ClusterNews tokenRevoked(String jti, java.time.Instant expiresAt) {
        return new ClusterNews(Topic.TOKEN_REVOKED, jti + " " + expiresAt);
    }

    public static ClusterNews product(String id) {
        return new ClusterNews(Topic.PRODUCT, id);
    }

    public static ClusterNews signingKeys() {
        return new ClusterNews(Topic.SIGNING_KEYS, "");
    }
}
