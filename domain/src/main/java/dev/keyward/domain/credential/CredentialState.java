package dev.keyward.domain.credential;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * What deciding a token request needs of a credential, frozen when it was read: the hashes of its secret (and
 * of the previous one while a rotation's grace period runs), its stored status and expiry, why its owner is
 * suspended, if they are, whether the owner is still a member, and whether the tenant's MFA rule stops the owner's
 * credentials. {@link ClientCredential} makes it and applies the same rules through it, so a copy kept in memory
 * decides exactly as the entity would, without holding the entity, its tenant, policy and owner.
 */
public final class CredentialState {

    private final byte[] secretHash;
    private final byte[] previousSecretHash;
    private final Instant previousValidUntil;
    private final CredentialStatus status;
    private final Instant expiresAt;
    private final Instant tokensNotBefore;
    private final String ownerSuspension;
    private final boolean ownerGone;
    private final boolean ownerMfaRefused;

    CredentialState(byte[] secretHash, byte[] previousSecretHash, Instant previousValidUntil, CredentialStatus status,
                    Instant expiresAt, Instant tokensNotBefore, String ownerSuspension, boolean ownerGone, boolean ownerMfaRefused) {
        this.secretHash = secretHash;
        this.previousSecretHash = previousSecretHash;
        this.previousValidUntil = previousValidUntil;
        this.status = status;
        this.expiresAt = expiresAt;
        this.tokensNotBefore = tokensNotBefore;
        this.ownerSuspension = ownerSuspension;
        this.ownerGone = ownerGone;
        this.ownerMfaRefused = ownerMfaRefused;
    }

    /** See {@link ClientCredential#matchesSecret}. */
    public boolean matchesSecret(byte[] presentedHash, Instant now) {
        return matches(presentedHash, secretHash, previousSecretHash, previousValidUntil, now);
    }

    /** See {@link ClientCredential#statusAt}. */
    public CredentialStatus statusAt(Instant now) {
        return statusAt(status, expiresAt, ownerSuspension != null, now);
    }

    /**
     * Why this credential may not be used now, in a sentence for whoever holds its secret; empty when it may.
     * The one answer to "is this credential usable?": every place that issues or accepts a token asks it, so a
     * credential that stops working stops everywhere at once, for the same reasons. Callers that cannot tell
     * the holder apart from a stranger (no secret was proved) keep the reason to themselves.
     */
    public Optional<String> refusal(Instant now) {
        CredentialStatus current = statusAt(now);
        if (current == CredentialStatus.SUSPENDED) {
            return Optional.of("This credential is suspended: " + ownerSuspension + ".");
        }
        if (current != CredentialStatus.ACTIVE) {
            return Optional.of("This credential is " + current.slug() + ".");
        }
        if (ownerGone) {
            return Optional.of("The credential's owner is no longer a member of the tenant.");
        }
        if (ownerMfaRefused) {
            return Optional.of("This tenant's credentials do not work while their owner has MFA enabled in Keycloak.");
        }
        return Optional.empty();
    }

    /**
     * Whether a token issued at {@code issuedAt} (whole seconds, as tokens carry it) may still be honoured: not when it
     * was issued in or before the second the credential was last enabled (or disabled): every token from before an enable
     * stays dead, including one a server that had not yet heard of the disable issued meanwhile.
     */
    public boolean honoursTokenIssuedAt(Instant issuedAt) {
        return tokensNotBefore == null || issuedAt.getEpochSecond() > tokensNotBefore.getEpochSecond();
    }

    /**
     * The issue instant a token made {@code now} carries: {@code now}, or the second after the last enable when that was
     * within this same second, so that a token issued after an enable is always honoured.
     */
    public Instant issuedAtFor(Instant now) {
        if (tokensNotBefore == null || now.getEpochSecond() > tokensNotBefore.getEpochSecond()) {
            return now;
        }
        return Instant.ofEpochSecond(tokensNotBefore.getEpochSecond() + 1);
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
        boolean inGrace = previous != null && inGrace(previousValidUntil, now);
        boolean matchesCurrent = MessageDigest.isEqual(presented, current);
        boolean matchesPrevious = MessageDigest.isEqual(presented, inGrace ? previous : current) && inGrace;
        return matchesCurrent | matchesPrevious;
    }

    /** Whether a previous secret, kept until {@code previousValidUntil} after a rotation (null: not kept), still works at {@code now}. */
    public static boolean inGrace(Instant previousValidUntil, Instant now) {
        return previousValidUntil != null && now.isBefore(previousValidUntil);
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
