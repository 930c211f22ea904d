package dev.keyward.token.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This server's view of the signing keys, held in memory so that signing and verifying never read the
 * database. {@link SigningKeyFeed} replaces it whenever the keys change; which key signs is decided by the
 * clock against each key's instants, so a scheduled hand-over needs no one to flip a switch.
 */
@ApplicationScoped
public class KeyRing {

    /** One key, opened. */
    public record Entry(String kid, ECPublicKey publicKey, ECPrivateKey privateKey, Instant activatesAt, Instant supersededAt,
                        Instant retiresAt, Map<String, String> jwk) {

        boolean signsAt(Instant now) {
            return !now.isBefore(activatesAt) && (supersededAt == null || now.isBefore(supersededAt));
        }

        boolean publishedAt(Instant now) {
            return retiresAt == null || now.isBefore(retiresAt);
        }
    }

    private volatile List<Entry> entries = List.of();

    /** Replaces the keys, newest activation first. */
    public void replace(List<Entry> keys) {
        entries = keys.stream().sorted(Comparator.comparing(Entry::activatesAt).reversed().thenComparing(Entry::kid)).toList();
    }

    /** The key that signs at {@code now}: the newest one whose time has come. */
    public Entry signing(Instant now) {
        for (Entry e : entries) {
            if (e.signsAt(now)) {
                return e;
            }
        }
        for (Entry e : entries) {
            if (!now.isBefore(e.activatesAt())) {
                return e;
            }
        }
        throw new IllegalStateException("No token signing key is active yet");
    }

    /** The key with this ID, if it is published at {@code now}. */
    public Optional<Entry> verifying(String kid, Instant now) {
        for (Entry e : entries) {
            if (e.kid().equals(kid)) {
                return e.publishedAt(now) ? Optional.of(e) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What the JWKS publishes at {@code now}: the next key, the current one and those still retiring. */
    public List<Map<String, String>> published(Instant now) {
        return entries.stream().filter(e -> e.publishedAt(now)).map(Entry::jwk).toList();
    }

    /** The key signing now has signed for {@code period} and no successor is published yet. */
    public boolean rotationDue(Instant now, Duration period) {
        if (entries.isEmpty() || entries.stream().anyMatch(e -> now.isBefore(e.activatesAt()))) {
            return false;
        }
        return !now.isBefore(signing(now).activatesAt().plus(period));
    }
}
