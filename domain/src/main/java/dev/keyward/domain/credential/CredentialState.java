package dev.keyward.domain.credential;

import java.security.MessageDigest;
import java.time.Instant;

/**
 * What deciding a token request needs of a credential, frozen when it was read: the hashes of its secret (and
 * of the previous one while a rotation's grace period runs), its stored status and expiry, and why its owner is
 * suspended, if they are. {@link ClientCredential} makes it and applies the same rules through it, so a copy
 * kept in memory decides exactly as the entity would, without holding the entity, its tenant, policy and owner.
 */
public final class CredentialState {

    private final byte[] secretHash;
    private final byte[] previousSecretHash;
    private final Instant previousValidUntil;
    private final CredentialStatus status;
    private final Instant expiresAt;
    private final String ownerSuspension;

    CredentialState(byte[] secretHash, byte[] previousSecretHash, Instant previousValidUntil, CredentialStatus status,
                    Instant expiresAt, String ownerSuspension) {
        this.secretHash = secretHash;
        this.previousSecretHash = previousSecretHash;
        this.previousValidUntil = previousValidUntil;
        this.status = status;
        this.expiresAt = expiresAt;
        this.ownerSuspension = ownerSuspension;
    }

    /** See {@link ClientCredential#matchesSecret}. */
    public boolean matchesSecret(byte[] presentedHash, Instant now) {
        return matches(presentedHash, secretHash, previousSecretHash, previousValidUntil, now);
    }

    /** See {@link ClientCredential#statusAt}. */
    public CredentialStatus statusAt(Instant now) {
        return statusAt(status, expiresAt, ownerSuspension != null, now);
    }

    /** Why the owner is suspended, in words; null when they are not. */
    public String ownerSuspension() {
        return ownerSuspension;
    }

    /**
     * The current hash, or the previous one within its grace period. Both comparisons are constant-time and
     * both always run, so the timing says nothing about which one matched.
     */
    static boolean matches(byte[] presented, byte[] current, byte[] previous, Instant previousValidUntil, Instant now) {
        boolean inGrace = previous != null && previousValidUntil != null && now.isBefore(previousValidUntil);
        boolean matchesCurrent = MessageDigest.isEqual(presented, current);
        boolean matchesPrevious = MessageDigest.isEqual(presented, inGrace ? previous : current) && inGrace;
        return matchesCurrent | matchesPrevious;
    }

    /** An active or disabled credential past its expiry reads as expired; an active one whose owner is suspended, as suspended. */
    static CredentialStatus statusAt(CredentialStatus stored, Instant expiresAt, boolean ownerSuspended, Instant now) {
        if ((stored == CredentialStatus.ACTIVE || stored == CredentialStatus.DISABLED) && isPastExpiry(expiresAt, now)) {
            return CredentialStatus.EXPIRED;
        }
        if (stored == CredentialStatus.ACTIVE && ownerSuspended) {
            return CredentialStatus.SUSPENDED;
        }
        return stored;
    }

    static boolean isPastExpiry(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
