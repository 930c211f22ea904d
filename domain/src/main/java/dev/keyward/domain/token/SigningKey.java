package dev.keyward.domain.token;

import dev.keyward.domain.shared.DomainException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A token-signing key and its place in rotation. Its life is told by three instants, so that every server
 * reaches the same answer from the same row without a job flipping states:
 * <ul>
 * <li>published from {@code createdAt}: relying parties can fetch it before it signs anything;</li>
 * <li>signing from {@code activatesAt} until {@code supersededAt}, when its successor takes over;</li>
 * <li>retired at {@code retiresAt}, once the last token it signed has expired: it leaves the JWKS and
 * verifies nothing more.</li>
 * </ul>
 * The private half is stored sealed; this entity never sees it in the clear.
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    public enum Stage {
        /** Published, not yet signing. */
        NEXT,
        /** Signing new tokens. */
        CURRENT,
        /** No longer signing, still published so that the tokens it signed verify. */
        RETIRING,
        /** Gone from the JWKS. */
        RETIRED;

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(length = 32)
    private String kid;

    @Column(nullable = false, length = 16)
    private String algorithm;

    @Column(name = "public_key", nullable = false, length = 512)
    private String publicKey;

    @Column(name = "sealed_private", nullable = false, length = 1024)
    private String sealedPrivate;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    private Instant activatesAt;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    @Column(name = "retires_at")
    private Instant retiresAt;

    protected SigningKey() {
    }

    /**
     * A new key, published now and signing from {@code activatesAt}. The very first key signs at once:
     * no token exists yet that a relying party could fail to verify.
     */
    public SigningKey(String kid, String algorithm, String publicKey, String sealedPrivate, Instant now, Instant activatesAt) {
        if (activatesAt.isBefore(now)) {
            throw new IllegalArgumentException("A signing key cannot sign before it is published");
        }
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.sealedPrivate = sealedPrivate;
        this.createdAt = now;
        this.activatesAt = activatesAt;
    }

    /**
     * Hands signing over to {@code successor}: this key stops signing when the successor starts, and stays
     * published for {@code longestToken} after that, so that every token it signed can still be verified.
     */
    public void supersedeBy(SigningKey successor, Duration longestToken, Instant now) {
        if (stageAt(now) != Stage.CURRENT) {
            throw DomainException.conflict("signing-key-not-current", "Only the key that signs now can be rotated out.");
        }
        if (!successor.activatesAt.isAfter(now)) {
            throw new IllegalArgumentException("The successor must be published before it signs");
        }
        this.supersededAt = successor.activatesAt;
        this.retiresAt = successor.activatesAt.plus(longestToken);
    }

    public Stage stageAt(Instant now) {
        if (now.isBefore(activatesAt)) {
            return Stage.NEXT;
        }
        if (supersededAt == null || now.isBefore(supersededAt)) {
            return Stage.CURRENT;
        }
        return retiresAt == null || now.isBefore(retiresAt) ? Stage.RETIRING : Stage.RETIRED;
    }

    /** In the JWKS and able to verify tokens. */
    public boolean publishedAt(Instant now) {
        return stageAt(now) != Stage.RETIRED;
    }

    public String kid() { return kid; }
    public String algorithm() { return algorithm; }
    public String publicKey() { return publicKey; }
    public String sealedPrivate() { return sealedPrivate; }
    public Instant createdAt() { return createdAt; }
    public Instant activatesAt() { return activatesAt; }
    public Instant supersededAt() { return supersededAt; }
    public Instant retiresAt() { return retiresAt; }
}
