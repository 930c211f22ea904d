package dev.keyward.domain.credential;

import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.tenant.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.annotations.Formula;

/**
 * A client credential: a public client ID and a secret that only its holder knows, or, for a credential without a shared
 * secret, the public keys whose private halves only its holder has (RFC 7523's {@code private_key_jwt}).
 *
 * <p>Lifecycle: ACTIVE ⇄ DISABLED, either → REVOKED (final); past {@code expiresAt} it is EXPIRED. A
 * rotation replaces the secret's hash and keeps the previous hash valid until the grace period ends,
 * so a fleet can roll the new secret out without an outage.
 *
 * <p>Invariant: under a one-active policy the {@code activeSlot} holds the owner's member id while the
 * credential counts as theirs, and a unique key on (tenant, active slot) lets the database refuse a
 * second one even when two requests race.
 */
@Entity
@Table(name = "client_credential", uniqueConstraints = {
        @UniqueConstraint(name = "uk_credential_client_id", columnNames = "client_id"),
        @UniqueConstraint(name = "uk_credential_active_slot", columnNames = {"tenant_id", "active_slot"})})
@NamedQuery(name = ClientCredential.BY_CLIENT_ID, query = "select c from ClientCredential c join fetch c.tenant t"
        + " join fetch t.policy left join fetch c.owner where c.clientId = :clientId")
@NamedQuery(name = ClientCredential.KEY_ID_BY_API_KEY_HASH, query = "select c.clientId from ClientCredential c"
        + " where c.secretHash = :hash and c.kind = dev.keyward.domain.credential.CredentialKind.EUID_KEY")
@NamedQuery(name = ClientCredential.BY_TENANT_AND_ID,
        query = "select c from ClientCredential c left join fetch c.owner where c.tenant = :tenant and c.id = :id")
@NamedQuery(name = ClientCredential.BY_SECRET_HASH, query = "select c from ClientCredential c join fetch c.tenant"
        + " left join fetch c.owner where c.secretHash = :hash")
@NamedQuery(name = ClientCredential.BY_PREVIOUS_SECRET_HASH, query = "select c from ClientCredential c join fetch c.tenant"
        + " left join fetch c.owner where c.previousSecretHash = :hash")
@NamedQuery(name = ClientCredential.HELD_BY, query = "select c from ClientCredential c where c.tenant = :tenant"
        + " and c.owner = :owner and c.status in (dev.keyward.domain.credential.CredentialStatus.ACTIVE,"
        + " dev.keyward.domain.credential.CredentialStatus.DISABLED)")
public class ClientCredential {

    public static final String BY_CLIENT_ID = "ClientCredential.byClientId";
    public static final String BY_TENANT_AND_ID = "ClientCredential.byTenantAndId";
    public static final String KEY_ID_BY_API_KEY_HASH = "ClientCredential.keyIdByApiKeyHash";
    public static final String HELD_BY = "ClientCredential.heldBy";
    public static final String BY_SECRET_HASH = "ClientCredential.bySecretHash";
    public static final String BY_PREVIOUS_SECRET_HASH = "ClientCredential.byPreviousSecretHash";
    /** The revocation reason of a credential whose secret was reported leaked. */
    public static final String LEAKED = "leaked";
    /** The longest name a credential may have, stripped of surrounding blanks: the column's length. */
    public static final int MAX_NAME_LENGTH = 100;

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(nullable = false, length = 32)
    private String environment;

    @Convert(converter = PermissionSetConverter.class)
    @Column(nullable = false, length = 400)
    private Set<Permission> permissions;

    /** The person who holds it; null where credentials belong to the tenant. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private TeamMember owner;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CredentialStatus status;

    @Column(name = "active_slot", length = 36)
    private String activeSlot;

    /** HMAC-SHA-256 of the secret, hex: the secret itself is never stored. Null for a credential with public keys. */
    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "secret_hint", length = 32)
    private String secretHint;

    /**
     * The public keys of a credential without a secret, a JWK set as JSON: one key, or two while its holder rolls over to a
     * new one. Null for a credential with a secret. On an EUID key, the keys its requests' DPoP proofs must be signed by
     * (the API key then works only with a proof): null for a key whose API key is a bearer credential, as at the operator.
     */
    @Column(name = "public_keys", length = 8000)
    private String publicKeys;

    @Column(name = "previous_secret_hash", length = 64)
    private String previousSecretHash;

    @Column(name = "previous_valid_until")
    private Instant previousValidUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    /**
     * When it was last used, to the minute: kept in a narrow table of its own ({@code credential_use}), which the usage
     * recorder writes in batches and this entity only reads.
     */
    @Formula("(select u.last_used_at from credential_use u where u.client_id = client_id)")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** Tokens issued before this instant are dead, whatever the credential's status is now: set when it is disabled and enabled. */
    @Column(name = "tokens_not_before")
    private Instant tokensNotBefore;

    /** The credential's own rate limit, instead of its tenant's; none (null) means the tenant's. */
    @Embedded
    private RateLimit rateLimit;

    @Column(name = "revoked_by", length = 36)
    private String revokedBy;

    @Column(name = "revocation_reason", length = 64)
    private String revocationReason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CredentialKind kind = CredentialKind.OAUTH_CLIENT;

    /** An EUID key's client secret, sealed under a master key: it must be recoverable, since it is the envelopes' key. */
    @Column(name = "client_secret_sealed", length = 200)
    private String clientSecretSealed;

    @Column(name = "client_secret_key", length = 40)
    private String clientSecretKey;

    /** An EUID key's previous client secret while a rotation's grace period runs ({@code previousValidUntil}). */
    @Column(name = "previous_client_secret_sealed", length = 200)
    private String previousClientSecretSealed;

    @Column(name = "previous_client_secret_key", length = 40)
    private String previousClientSecretKey;

    /** Disabled because it went unused for longer than its tenant allows: only the owner may enable it again. */
    @Column(nullable = false)
    private boolean dormant;

    /** When its owner last enabled it after it went dormant. */
    @Column(name = "woken_at")
    private Instant wokenAt;

    /** When anything the token endpoint relies on last changed: servers evict their cached copies by it. */
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Version
    private long version;

    protected ClientCredential() {
    }

    public ClientCredential(Tenant tenant, String clientId, String name, String environment, Set<Permission> permissions,
                            TeamMember owner, TeamMember creator, StoredSecret secret, Instant now, Instant expiresAt,
                            String activeSlot) {
        this(tenant, clientId, name, environment, permissions, owner, creator, now, expiresAt, activeSlot);
        this.secretHash = secret.hash();
        this.secretHint = secret.hint();
    }

    /**
     * A credential without a shared secret: its holder signs a short-lived assertion with a private key that never leaves
     * it, and Keyward checks it against {@code publicKeys}, a JWK set as JSON that the caller has checked (public keys only,
     * of the kinds Keyward verifies, at most two).
     */
    public static ClientCredential withPublicKeys(Tenant tenant, String clientId, String name, String environment,
                                                  Set<Permission> permissions, TeamMember owner, TeamMember creator,
                                                  String publicKeys, Instant now, Instant expiresAt, String activeSlot) {
        ClientCredential c = new ClientCredential(tenant, clientId, name, environment, permissions, owner, creator, now, expiresAt, activeSlot);
        c.publicKeys = Objects.requireNonNull(publicKeys);
        return c;
    }

    private ClientCredential(Tenant tenant, String clientId, String name, String environment, Set<Permission> permissions,
                             TeamMember owner, TeamMember creator, Instant now, Instant expiresAt, String activeSlot) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("invalid-name", "A credential name is 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        this.id = UUID.randomUUID().toString();
        this.tenant = tenant;
        this.clientId = clientId;
        this.name = name.strip();
        this.environment = environment;
        this.permissions = EnumSet.copyOf(permissions);
        this.owner = owner;
        this.createdBy = creator.id();
        this.status = CredentialStatus.ACTIVE;
        this.activeSlot = activeSlot;
        this.createdAt = now;
        this.changedAt = now;
        this.expiresAt = expiresAt;
    }

    /**
     * An EUID key: its public key ID, the API key's keyed hash (the bearer secret, never stored) and the client secret
     * sealed under a master key (the envelopes' key, which must be recoverable) and bound to the key's row: {@code sealFor}
     * seals it for the row ID it is given. It belongs to the tenant. {@code proofKeys} (a checked JWK set as JSON, or null)
     * binds it: its API key then opens nothing without a DPoP proof signed by one of them; a participant that requires DPoP
     * gets no key without.
     */
    public static ClientCredential euidKey(Tenant tenant, String keyId, String name, String environment, Set<Permission> permissions,
                                           TeamMember creator, StoredSecret apiKey, Function<String, SealedSecret> sealFor,
                                           String proofKeys, Instant now, Instant expiresAt) {
        if (permissions.isEmpty() || permissions.stream().anyMatch(p -> p.kind() != CredentialKind.EUID_KEY)) {
            throw DomainException.invalid("unknown-permission", "An EUID key carries at least one of "
                    + Permission.catalogue(CredentialKind.EUID_KEY) + ", and nothing else.");
        }
        if (proofKeys == null && tenant.dpop().required()) {
            throw DomainException.invalid("dpop-required", "This participant requires every key to be bound to a public key (DPoP):"
                    + " send the key's public JWK as jwks, and sign a DPoP proof for every request with its private key.");
        }
        ClientCredential key = new ClientCredential(tenant, keyId, name, environment, permissions, null, creator, apiKey, now, expiresAt, null);
        key.kind = CredentialKind.EUID_KEY;
        key.publicKeys = proofKeys;
        key.seal(sealFor.apply(key.id));
        return key;
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    /**
     * Replaces the secret. The previous secret keeps working until {@code now + grace} so that every place
     * that holds it can be updated; a zero grace ends it at once. A second rotation within a grace period
     * replaces the older secret, so at most two secrets are ever valid.
     */
    public Instant rotate(StoredSecret newSecret, Instant now, Duration grace) {
        requireKind(CredentialKind.OAUTH_CLIENT);
        if (publicKeys != null) {
            throw DomainException.conflict("public-key-credential", "Credential " + clientId + " has public keys, not a secret:"
                    + " replace its keys instead (PUT its keys).");
        }
        requireChangeable(now, "rotated");
        Instant validUntil = grace.isZero() ? null : now.plus(grace);
        previousSecretHash = validUntil == null ? null : secretHash;
        previousValidUntil = validUntil;
        secretHash = newSecret.hash();
        secretHint = newSecret.hint();
        rotatedAt = now;
        changedAt = now;
        return validUntil;
    }

    /**
     * An EUID key's rotation: a new client secret, the API key unchanged. The previous client secret keeps opening
     * and answering envelopes until {@code now + grace}; a zero grace ends it at once. As with {@link #rotate}, at most
     * two are ever valid.
     */
    public Instant rotateClientSecret(SealedSecret next, Instant now, Duration grace) {
        requireKind(CredentialKind.EUID_KEY);
        requireChangeable(now, "rotated");
        Instant validUntil = grace.isZero() ? null : now.plus(grace);
        previousClientSecretSealed = validUntil == null ? null : clientSecretSealed;
        previousClientSecretKey = validUntil == null ? null : clientSecretKey;
        previousValidUntil = validUntil;
        seal(next);
        rotatedAt = now;
        changedAt = now;
        return validUntil;
    }

    /**
     * Replaces a public-key credential's keys ({@code next}, a checked JWK set as JSON): to roll over, its holder first
     * registers the old key and the new one, moves to the new one, then registers the new one alone. An assertion signed by
     * a key no longer registered is refused from the next request on. An EUID key's proof keys are replaced alike, or
     * given to a key that had none (which binds it: its API key works only with a DPoP proof from then on).
     */
    public void replacePublicKeys(String next, Instant now) {
        if (kind == CredentialKind.OAUTH_CLIENT && publicKeys == null) {
            throw DomainException.conflict("secret-credential", "Credential " + clientId + " has a secret, not public keys:"
                    + " rotate its secret instead.");
        }
        requireChangeable(now, "changed");
        publicKeys = Objects.requireNonNull(next);
        rotatedAt = now;
        changedAt = now;
    }

    private void seal(SealedSecret secret) {
        clientSecretSealed = secret.sealed();
        clientSecretKey = secret.masterKeyId();
    }

    private void requireKind(CredentialKind expected) {
        if (kind != expected) {
            throw new IllegalStateException(clientId + " is a " + kind.slug() + ", not a " + expected.slug());
        }
    }

    public void disable(Instant now) {
        requireChangeable(now, "disabled");
        if (status == CredentialStatus.DISABLED) {
            throw DomainException.conflict("credential-disabled", "Credential " + clientId + " is already disabled.");
        }
        status = CredentialStatus.DISABLED;
        tokensNotBefore = now; // disabling is done on suspicion: what was issued before stays dead after an enable
        changedAt = now;
    }

    /**
     * Enables a disabled credential. One that went dormant (unused too long) wakes only by its owner's hand: whoever else
     * may enable credentials is refused, so that a credential nobody used comes back only if the one who holds it wants it.
     */
    public void enable(TeamMember by, Instant now) {
        requireChangeable(now, "enabled");
        if (status == CredentialStatus.ACTIVE) {
            throw DomainException.conflict("credential-active", "Credential " + clientId + " is already enabled.");
        }
        if (dormant && owner != null && (by == null || !owner.id().equals(by.id()))) {
            throw new PolicyRefusedException("dormant-owner-only", "Credential " + clientId + " was disabled as dormant (unused for "
                    + "too long): only its owner, " + owner.username() + ", may enable it again.");
        }
        if (dormant) {
            wokenAt = now; // dormancy counts again from here, not from a use long ago
        }
        dormant = false;
        status = CredentialStatus.ACTIVE;
        // and again now: a server that had not yet heard of the disable may have issued a token meanwhile
        tokensNotBefore = now;
        changedAt = now;
    }

    /**
     * Replaces the credential's permissions, which the caller has had its tenant's policy check (it may refuse them
     * where they follow the owner's role); the credential's next use carries them. Returns those it had.
     */
    public Set<Permission> changePermissions(Set<Permission> next, Instant now) {
        requireChangeable(now, "changed");
        if (next.isEmpty() || next.stream().anyMatch(p -> p.kind() != kind)) {
            throw DomainException.invalid("unknown-permission", "A " + kind.slug() + " carries at least one of "
                    + Permission.catalogue(kind) + ", and nothing else.");
        }
        Set<Permission> before = permissions();
        permissions = EnumSet.copyOf(next);
        changedAt = now;
        return before;
    }

    /** Sets the credential's own rate limit ({@link RateLimit#NONE}: its tenant's again). */
    public void limitRate(RateLimit limit, Instant now) {
        requireChangeable(now, "limited");
        rateLimit = limit.limits() ? limit : null;
        changedAt = now;
    }

    /** The credential's own rate limit, {@link RateLimit#NONE} when it has none. */
    public RateLimit ownRateLimit() {
        return RateLimit.orNone(rateLimit);
    }

    /** The limit its uses count against: its own, else its tenant's. */
    public RateLimit effectiveRateLimit() {
        return ownRateLimit().orElse(tenant.rateLimit());
    }

    /** Final: the secret stops working at once, and a one-active slot is freed for a new credential. */
    public void revoke(TeamMember by, Instant now, String reason) {
        if (status == CredentialStatus.REVOKED) {
            throw DomainException.conflict("credential-revoked", "Credential " + clientId + " is already revoked.");
        }
        status = CredentialStatus.REVOKED;
        activeSlot = null;
        previousSecretHash = null;
        previousValidUntil = null;
        // an EUID key's client secrets are erased: nothing the key ever encrypted can be opened with it again
        clientSecretSealed = null;
        clientSecretKey = null;
        previousClientSecretSealed = null;
        previousClientSecretKey = null;
        revokedAt = now;
        changedAt = now;
        revokedBy = by == null ? null : by.id();
        revocationReason = reason;
    }

    /**
     * A secret of this credential was found where it should not be. If the secret still opens it (its current one, or
     * its previous one during a grace, active or disabled, since a disabled credential can be enabled again), the
     * credential is revoked now; a secret that opens nothing any more changes nothing. True when it was revoked.
     */
    public boolean revokeOnLeak(byte[] leakedHash, Instant now) {
        if (status == CredentialStatus.REVOKED || status == CredentialStatus.EXPIRED || isPastExpiry(now)
                || !matchesSecret(leakedHash, now)) {
            return false;
        }
        revoke(null, now, LEAKED);
        return true;
    }

    /**
     * The credential was last used (or, never used, made) before {@code cutoff}: an active one is disabled as dormant.
     * True when it was; its tokens stop, as with any disable.
     */
    public boolean sleepIfUnusedSince(Instant cutoff, Instant now) {
        if (status != CredentialStatus.ACTIVE || isPastExpiry(now) || !lastSignOfLife().isBefore(cutoff)) {
            return false;
        }
        status = CredentialStatus.DISABLED;
        dormant = true;
        tokensNotBefore = now;
        changedAt = now;
        return true;
    }

    /** When the credential was last used, or made if it never was, or woken by its owner if later: what dormancy counts from. */
    public Instant lastSignOfLife() {
        Instant sign = lastUsedAt != null ? lastUsedAt : createdAt;
        return wokenAt != null && wokenAt.isAfter(sign) ? wokenAt : sign;
    }

    public boolean dormant() { return dormant; }

    /** Writes down an expiry that time has already brought, freeing the one-active slot. */
    public boolean settleExpiry(Instant now) {
        if (isPastExpiry(now) && status != CredentialStatus.REVOKED && status != CredentialStatus.EXPIRED) {
            status = CredentialStatus.EXPIRED;
            activeSlot = null;
            changedAt = now;
            return true;
        }
        return false;
    }

    private void requireChangeable(Instant now, String verb) {
        if (status == CredentialStatus.REVOKED) {
            throw DomainException.conflict("credential-revoked",
                    "Credential " + clientId + " is revoked and cannot be " + verb + "; revocation is final.");
        }
        if (status == CredentialStatus.EXPIRED || isPastExpiry(now)) {
            throw DomainException.conflict("credential-expired",
                    "Credential " + clientId + " has expired and cannot be " + verb + ".");
        }
    }

    // ---- use ----------------------------------------------------------------------------------------------

    /** Whether a presented secret's hash opens this credential now: it matches, and the credential is active. */
    public boolean accepts(byte[] presentedHash, Instant now) {
        return statusAt(now) == CredentialStatus.ACTIVE && matchesSecret(presentedHash, now);
    }

    /**
     * Whether a presented secret's hash is this credential's current secret, or its previous one while a
     * rotation's grace period runs; compared in constant time.
     */
    public boolean matchesSecret(byte[] presentedHash, Instant now) {
        return CredentialState.matches(presentedHash, bytes(secretHash), bytes(previousSecretHash), previousValidUntil, now);
    }

    /**
     * What the token endpoint keeps of this credential between requests: the same rules, none of the entity graph.
     * Reads the tenant's policy for its MFA rule (Sensedia: "credentials will not work if MFA is enabled").
     */
    public CredentialState state() {
        return new CredentialState(bytes(secretHash), bytes(previousSecretHash), previousValidUntil, status, expiresAt, tokensNotBefore,
                owner != null && owner.suspended() ? owner.suspension() : null, owner != null && !owner.isActive(),
                owner != null && owner.mfaEnabled() && tenant.policy().refusesOwnerWithMfa());
    }

    private static byte[] bytes(String hexHash) {
        return hexHash == null ? null : HexFormat.of().parseHex(hexHash);
    }

    /** Something about the owner changed that decides whether this credential works: every server must reload it. */
    public void ownerChanged(Instant now) {
        changedAt = now;
    }

    /**
     * The state as of {@code now}: an active or disabled credential past its expiry reads as expired, and an
     * active one whose owner Keycloak suspends reads as suspended.
     */
    public CredentialStatus statusAt(Instant now) {
        return CredentialState.statusAt(status, expiresAt, owner != null && owner.suspended(), now);
    }

    public boolean isPastExpiry(Instant now) {
        return CredentialState.isPastExpiry(expiresAt, now);
    }

    public boolean isOwnedBy(TeamMember member) {
        return owner != null && owner.id().equals(member.id());
    }

    /** The previous secret's end, while a rotation grace period runs. */
    public Instant previousSecretValidUntil(Instant now) {
        return CredentialState.inGrace(previousValidUntil, now) ? previousValidUntil : null;
    }

    /** An EUID key's client secret, sealed; none for an OAuth client or a revoked key. */
    public SealedSecret clientSecret() {
        return SealedSecret.ofColumns(clientSecretKey, clientSecretSealed);
    }

    /** An EUID key's previous client secret, sealed, while a rotation's grace period runs at {@code now}. */
    public SealedSecret previousClientSecret(Instant now) {
        return previousSecretValidUntil(now) == null ? null : SealedSecret.ofColumns(previousClientSecretKey, previousClientSecretSealed);
    }

    public Instant previousValidUntil() { return previousValidUntil; }
    public CredentialKind kind() { return kind; }
    public String id() { return id; }
    public Tenant tenant() { return tenant; }
    public String clientId() { return clientId; }
    public String name() { return name; }
    public String environment() { return environment; }
    public Set<Permission> permissions() { return permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions); }
    public TeamMember owner() { return owner; }
    public String createdBy() { return createdBy; }
    public String secretHint() { return secretHint; }

    /** The public keys (a JWK set as JSON) of a credential without a secret; null for one with a secret. */
    public String publicKeys() { return publicKeys; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Instant rotatedAt() { return rotatedAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant revokedAt() { return revokedAt; }
    public String revocationReason() { return revocationReason; }
    public Instant changedAt() { return changedAt; }

    /** The row's version: raised by every change, the order of changes whatever the servers' clocks say. */
    public long version() { return version; }
}
