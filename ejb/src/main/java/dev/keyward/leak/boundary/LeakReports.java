package dev.keyward.leak.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.credential.control.CachedCredential;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.leak.control.GithubKeys;
import dev.keyward.leak.control.SecretKind;
import dev.keyward.notice.control.Outbox;
import dev.keyward.throttle.control.Throttles;
import dev.keyward.token.control.RevokedTokens;
import dev.keyward.token.control.TokenVerifier;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets reported leaked. Each report is one transaction: the secret's kind is recognised offline (prefix and checksum,
 * an access token's signature), then its credential is found by the secret's keyed hash and, if the secret still opens
 * it, revoked at once (its tokens die with it), with an event naming the reporter and where the secret was found. A
 * leaked access token is revoked itself. A second report of the same secret finds nothing left to do and changes nothing.
 */
@Stateless
public class LeakReports {

    /** Who reports: GitHub's and GitLab's scanners, or anyone through the public endpoint. */
    public enum Reporter {
        GITHUB("github"), GITLAB("gitlab"), PUBLIC("public report");

        private final String label;

        Reporter(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One secret as reported: what it is, where it was found ({@code url}, may be absent) and in what ({@code source}). */
    public record Sighting(String secret, String url, String source) {
        @Override
        public String toString() {
            return "Sighting[" + url + ", " + source + "]"; // never the secret
        }
    }

    /** What a report of one secret came to: its kind if it is a Keyward secret, whether it is real, whether it was revoked now. */
    public record Finding(Optional<SecretKind> kind, boolean real, boolean revokedNow) {
        static final Finding NOT_OURS = new Finding(Optional.empty(), false, false);
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretHasher hasher;

    @Inject
    CredentialCache cache;

    @Inject
    TokenVerifier tokens;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    AuditTrail audit;

    @Inject
    GithubKeys githubKeys;

    @Inject
    Outbox outbox;

    @Inject
    Throttles throttles;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.leaks.gitlab.token", defaultValue = " ")
    String gitlabToken;

    /** Whether a report's signature is GitHub's: the named key's ECDSA P-256 signature of the raw body. */
    public boolean signedByGithub(String keyIdentifier, String signature, byte[] body) {
        return githubKeys.verify(keyIdentifier, signature, body);
    }

    /** Whether GitLab's pre-shared token is configured at all: without it, the GitLab endpoints do not exist here. */
    public boolean gitlabEnrolled() {
        return !gitlabToken.isBlank();
    }

    /** Whether the Authorization header carries GitLab's pre-shared token (with or without "Bearer "), compared in constant time. */
    public boolean fromGitlab(String authorization) {
        if (!gitlabEnrolled() || authorization == null) {
            return false;
        }
        String presented = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7) : authorization;
        return MessageDigest.isEqual(presented.trim().getBytes(StandardCharsets.UTF_8), gitlabToken.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a report request against its address's budget; refuses it with a 429 when the budget is spent. */
    public void countRequest(String address) {
        throttles.leakReport(address);
    }

    public Finding report(Reporter reporter, Sighting sighting, String address) {
        Optional<SecretKind> kind = SecretKind.of(sighting.secret());
        if (kind.isEmpty()) {
            return Finding.NOT_OURS;
        }
        Actor actor = new Actor("leak-report", reporter.label(), address);
        return kind.get() == SecretKind.ACCESS_TOKEN ? token(sighting, actor)
                : credential(kind.get(), sighting, reporter, actor);
    }

    private Finding credential(SecretKind kind, Sighting sighting, Reporter reporter, Actor actor) {
        byte[] hash = hasher.hash(sighting.secret());
        String hex = HexFormat.of().formatHex(hash);
        CredentialKind expected = kind == SecretKind.EUID_API_KEY ? CredentialKind.EUID_KEY : CredentialKind.OAUTH_CLIENT;
        Optional<ClientCredential> found = locked(ClientCredential.BY_SECRET_HASH, hex)
                .or(() -> locked(ClientCredential.BY_PREVIOUS_SECRET_HASH, hex))
                .filter(c -> c.kind() == expected);
        if (found.isEmpty()) {
            return new Finding(Optional.of(kind), false, false);
        }
        ClientCredential c = found.get();
        Instant now = clock.instant();
        if (!c.revokeOnLeak(hash, now)) {
            return new Finding(Optional.of(kind), true, false);
        }
        cache.evict(c.clientId());
        audit.record(c.tenant(), AuditAction.LEAK_REPORTED, actor, "credential", c.id(), where(reporter, sighting));
        audit.record(c.tenant(), AuditAction.CREDENTIAL_REVOKED, actor, "credential", c.id(), c.name() + " (" + ClientCredential.LEAKED + ")");
        outbox.leaked(c, where(reporter, sighting));
        return new Finding(Optional.of(kind), true, true);
    }

    private Finding token(Sighting sighting, Actor actor) {
        return tokens.active(sighting.secret()).map(t -> {
            String tenantId = t.tenantId() != null ? t.tenantId() : cache.find(t.clientId()).map(CachedCredential::tenantId).orElse(null);
            audit.record(tenantId, AuditAction.LEAK_REPORTED, actor, "token", t.jti(), where(actor.username(), sighting));
            revokedTokens.revoke(t.jti(), tenantId, t.clientId(), t.expiresAt(), actor.sourceIp());
            return new Finding(Optional.of(SecretKind.ACCESS_TOKEN), true, true);
        }).orElseGet(() -> new Finding(Optional.of(SecretKind.ACCESS_TOKEN), tokens.issuedHere(sighting.secret()), false));
    }

    private Optional<ClientCredential> locked(String query, String hash) {
        List<ClientCredential> found = em.createNamedQuery(query, ClientCredential.class).setParameter("hash", hash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return found.stream().findFirst();
    }

    private static String where(Reporter reporter, Sighting sighting) {
        return where(reporter.label(), sighting);
    }

    private static String where(String reporter, Sighting sighting) {
        return "reported by " + reporter + (sighting.url() == null ? "" : ", found at " + sighting.url())
                + (sighting.source() == null ? "" : " (" + sighting.source() + ")");
    }
}
