package dev.keyward.credential.boundary;

import dev.keyward.access.Caller;
import dev.keyward.access.Membership;
import dev.keyward.access.TenantScope;
import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.audit.boundary.Refusals;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.credential.control.PublicKeys;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.credential.control.SecretHasher.NewSecret;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.CredentialStatus;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.euid.EuidEnvironment;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.shared.StepUpRequiredException;
import dev.keyward.domain.tenant.CredentialPolicy;
import dev.keyward.domain.tenant.Tenant;
import dev.keyward.notice.control.Outbox;
import dev.keyward.platform.control.MasterKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The lifecycle of client credentials: create, list, read, rotate, disable, enable, revoke. Every method
 * loads within the caller's tenant, asks the tenant's policy, lets the entity change itself, and records
 * the change in the audit trail in the same transaction.
 */
@Stateless
public class ClientCredentials {

    @PersistenceContext
    EntityManager em;

    @Inject
    TenantScope scope;

    @Inject
    SecretHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    Refusals refusals;

    @Inject
    CredentialCache cache;

    @Inject
    MasterKeys masterKeys;

    @Inject
    Outbox outbox;


    @Inject
    Clock clock;

    /** Whether the caller may generate a credential now, and if not, why: for a console to say so before anyone tries. */
    public record Eligibility(boolean allowed, String rule, String reason) {
    }

    public Eligibility eligibility(String slug, Caller caller) {
        Membership m = scope.require(slug, caller);
        Instant now = clock.instant();
        List<ClientCredential> held = heldBy(m.tenant(), m.member());
        try {
            checkMayCreate(m, caller, held, now);
            return new Eligibility(true, null, null);
        } catch (PolicyRefusedException refused) {
            return new Eligibility(false, refused.rule(), refused.detail());
        } catch (StepUpRequiredException stepUp) {
            return new Eligibility(false, stepUp.type(), stepUp.detail());
        }
    }

    /** Creates a credential with a secret and returns the secret, once. */
    public IssuedSecret create(String slug, Caller caller, String name, String environment, Set<Permission> permissions,
                               Instant expiresAt) {
        return create(slug, caller, name, environment, permissions, expiresAt, null);
    }

    /**
     * Creates a credential and returns its secret, once; or, given {@code publicKeys} (each key's JWK members), a
     * credential without a secret whose holder signs client assertions with the private key ({@code private_key_jwt}), and
     * returns no secret. Under a one-active policy the database's unique key on the owner's active slot has the last
     * word, so two racing requests cannot both succeed.
     */
    public IssuedSecret create(String slug, Caller caller, String name, String environment, Set<Permission> permissions,
                               Instant expiresAt, List<Map<String, String>> publicKeys) {
        Membership m = scope.require(slug, caller);
        CredentialPolicy policy = m.policy();
        Instant now = clock.instant();
        List<ClientCredential> held = heldBy(m.tenant(), m.member());
        held.forEach(c -> settleExpiry(m.tenant(), c, now));
        refusals.check(m.tenant(), caller.actor(), "credential", null, () -> checkMayCreate(m, caller, held, now));

        TeamMember owner = policy.ownerFor(m.member());
        Set<Permission> granted = policy.permissionsFor(m.member().role(), permissions);
        String env = m.tenant().environmentFor(environment);
        Instant expiry = policy.expiryFor(now, expiresAt);
        if (policy.credentialKind() == CredentialKind.EUID_KEY) {
            return createEuidKey(m, caller, name, env, granted, publicKeys == null ? null : PublicKeys.checked(publicKeys), now, expiry);
        }
        NewSecret secret = publicKeys == null ? hasher.generate() : null;
        ClientCredential credential = secret != null
                ? new ClientCredential(m.tenant(), hasher.newClientId(), name, env, granted, owner, m.member(), secret.stored(), now,
                        expiry, policy.activeSlotFor(owner))
                : ClientCredential.withPublicKeys(m.tenant(), hasher.newClientId(), name, env, granted, owner, m.member(),
                        PublicKeys.checked(publicKeys), now, expiry, policy.activeSlotFor(owner));
        try {
            em.persist(credential);
            em.flush();
            cache.evict(credential.clientId()); // in case the ID was asked for, and remembered as unknown, before
        } catch (PersistenceException raced) {
            // Another request took the owner's one active slot between our check and our insert.
            PolicyRefusedException refusal = PolicyRefusedException.oneActivePerMember();
            audit.recordRefusal(m.tenant().id(), caller.actor(), "credential", null, refusal);
            throw refusal;
        }
        audit.record(m.tenant(), AuditAction.CREDENTIAL_CREATED, caller.actor(), "credential", credential.id(),
                credential.name() + " (" + credential.clientId() + ") in " + env
                        + (secret == null ? ", private_key_jwt with keys " + PublicKeys.keyIds(credential.publicKeys()) : ""));
        return new IssuedSecret(credential, secret == null ? null : secret.secret(), null);
    }

    /**
     * An EUID key: a key ID, an API key (hashed) and a client secret (sealed under the current master key, bound to the
     * key's row), shown once; with {@code proofKeys}, bound to them (DPoP). A key belongs to the participant, so no
     * one-active slot can race.
     */
    private IssuedSecret createEuidKey(Membership m, Caller caller, String name, String env, Set<Permission> roles, String proofKeys,
                                       Instant now, Instant expiry) {
        EuidEnvironment environment = EuidEnvironment.of(env);
        NewSecret apiKey = hasher.generateApiKey(environment);
        byte[] clientSecret = hasher.newClientSecret();
        try {
            ClientCredential key = ClientCredential.euidKey(m.tenant(), hasher.newEuidKeyId(m.tenant().euidSiteId(), environment), name, env,
                    roles, m.member(), apiKey.stored(), rowId -> masterKeys.seal(clientSecret, rowId), proofKeys, now, expiry);
            em.persist(key);
            em.flush();
            cache.evict(key.clientId());
            audit.record(m.tenant(), AuditAction.CREDENTIAL_CREATED, caller.actor(), "credential", key.id(),
                    key.name() + " (" + key.clientId() + ") in " + env + ", roles " + Permission.printScope(roles)
                            + (proofKeys == null ? "" : ", bound by DPoP to keys " + PublicKeys.keyIds(proofKeys)));
            return new IssuedSecret(key, Base64.getEncoder().encodeToString(clientSecret), apiKey.secret(), null);
        } finally {
            Arrays.fill(clientSecret, (byte) 0);
        }
    }

    /** The caller's own credentials, or all of the tenant's for those the policy lets see them. */
    public List<ClientCredential> list(String slug, Caller caller, boolean includeEnded) {
        Membership m = scope.require(slug, caller);
        boolean all = m.policy().maySeeAll(m.member());
        String jpql = "select c from ClientCredential c left join fetch c.owner where c.tenant = :tenant"
                + (all ? "" : " and c.owner = :owner")
                + (includeEnded ? "" : " and c.status in (dev.keyward.domain.credential.CredentialStatus.ACTIVE,"
                + " dev.keyward.domain.credential.CredentialStatus.DISABLED)")
                + " order by c.createdAt desc";
        var query = em.createQuery(jpql, ClientCredential.class).setParameter("tenant", m.tenant());
        if (!all) {
            query.setParameter("owner", m.member());
        }
        return query.getResultList();
    }

    public ClientCredential get(String slug, Caller caller, String id) {
        Membership m = scope.require(slug, caller);
        return visible(m, id);
    }

    public IssuedSecret rotate(String slug, Caller caller, String id, Long graceSeconds) {
        Membership m = scope.require(slug, caller);
        ClientCredential c = changeable(m, caller, id, "rotate");
        m.tenant().checkFreshMfa(m.member(), caller.federated(), caller.authTime(), clock.instant());
        Duration grace = m.policy().rotationGrace(graceSeconds);
        if (c.kind() == CredentialKind.EUID_KEY) {
            return rotateClientSecret(m, caller, c, grace);
        }
        NewSecret secret = hasher.generate();
        Instant validUntil = c.rotate(secret.stored(), clock.instant(), grace);
        cache.evict(c.clientId());
        audit.record(m.tenant(), AuditAction.CREDENTIAL_ROTATED, caller.actor(), "credential", c.id(),
                "grace " + grace.toSeconds() + " s" + (validUntil == null ? "" : ", previous secret valid until " + validUntil));
        return new IssuedSecret(c, secret.secret(), validUntil);
    }

    /** The IDs of a credential's registered public keys; null for a credential with a secret. */
    public static List<String> publicKeyIds(ClientCredential c) {
        return c.publicKeys() == null ? null : PublicKeys.keyIds(c.publicKeys());
    }

    /**
     * Replaces the public keys of a credential without a secret (each key's JWK members): one key, or the old and the new
     * one while its holder rolls over. Under the same rules as a rotation (who may, a fresh MFA login where the tenant asks).
     */
    public ClientCredential replacePublicKeys(String slug, Caller caller, String id, List<Map<String, String>> publicKeys) {
        Membership m = scope.require(slug, caller);
        ClientCredential c = changeable(m, caller, id, "rotate");
        m.tenant().checkFreshMfa(m.member(), caller.federated(), caller.authTime(), clock.instant());
        String checked = PublicKeys.checked(publicKeys);
        List<String> before = c.publicKeys() == null ? List.of() : PublicKeys.keyIds(c.publicKeys());
        c.replacePublicKeys(checked, clock.instant());
        cache.evict(c.clientId());
        audit.record(m.tenant(), AuditAction.CREDENTIAL_ROTATED, caller.actor(), "credential", c.id(),
                "public keys " + before + " replaced by " + PublicKeys.keyIds(checked));
        return c;
    }

    /** An EUID key's new client secret; the API key stays. Both client secrets open envelopes during the grace. */
    private IssuedSecret rotateClientSecret(Membership m, Caller caller, ClientCredential key, Duration grace) {
        byte[] clientSecret = hasher.newClientSecret();
        try {
            Instant validUntil = key.rotateClientSecret(masterKeys.seal(clientSecret, key.id()), clock.instant(), grace);
            cache.evict(key.clientId());
            audit.record(m.tenant(), AuditAction.CREDENTIAL_ROTATED, caller.actor(), "credential", key.id(), "new client secret, grace "
                    + grace.toSeconds() + " s" + (validUntil == null ? "" : ", previous client secret valid until " + validUntil));
            return new IssuedSecret(key, Base64.getEncoder().encodeToString(clientSecret), null, validUntil);
        } finally {
            Arrays.fill(clientSecret, (byte) 0);
        }
    }

    public ClientCredential disable(String slug, Caller caller, String id) {
        return change(slug, caller, id, "disable", AuditAction.CREDENTIAL_DISABLED, (c, m) -> c.disable(clock.instant()));
    }

    public ClientCredential enable(String slug, Caller caller, String id) {
        return change(slug, caller, id, "enable", AuditAction.CREDENTIAL_ENABLED, (c, m) -> c.enable(m.member(), clock.instant()));
    }

    /**
     * Sets a credential's own rate limit ({@link RateLimit#NONE}: its tenant's again). Only those who manage the team may:
     * a holder cannot lift their own limit.
     */
    public ClientCredential limitRate(String slug, Caller caller, String id, RateLimit limit) {
        Membership m = scope.require(slug, caller);
        m.policy().checkMaySetRateLimits(m.member());
        ClientCredential c = changeable(m, caller, id, "limit");
        RateLimit before = c.ownRateLimit();
        c.limitRate(limit, clock.instant());
        cache.evict(c.clientId());
        audit.record(m.tenant(), AuditAction.CREDENTIAL_LIMIT_CHANGED, caller.actor(), "credential", c.id(),
                c.name() + ": own rate limit " + before + " → " + c.ownRateLimit() + " (in effect: " + c.effectiveRateLimit() + ")");
        return c;
    }

    /**
     * Replaces a credential's permissions, where its tenant's policy has them chosen per credential (an EUID key's
     * roles); whoever may change the credential may. Its next use carries them, on every server.
     */
    public ClientCredential changePermissions(String slug, Caller caller, String id, Set<Permission> requested) {
        Membership m = scope.require(slug, caller);
        ClientCredential c = changeable(m, caller, id, "change");
        m.tenant().checkFreshMfa(m.member(), caller.federated(), caller.authTime(), clock.instant()); // as for a new credential
        Set<Permission> next = m.policy().permissionsFor(m.member().role(), requested);
        Set<Permission> before = c.changePermissions(next, clock.instant());
        cache.evict(c.clientId());
        audit.record(m.tenant(), AuditAction.CREDENTIAL_PERMISSIONS_CHANGED, caller.actor(), "credential", c.id(),
                c.name() + ": " + Permission.printScope(before) + " → " + Permission.printScope(c.permissions()));
        return c;
    }

    /** Revokes; when someone other than its owner does, the owner is told by mail (after the change commits). */
    public void revoke(String slug, Caller caller, String id) {
        ClientCredential c = change(slug, caller, id, "revoke", AuditAction.CREDENTIAL_REVOKED,
                (credential, m) -> credential.revoke(m.member(), clock.instant(), "revoked"));
        if (c.owner() != null && !c.owner().subject().equals(caller.subject())) {
            outbox.revokedBy(c, caller.username());
        }
    }

    /**
     * Break-glass: revokes any credential of the tenant in an emergency, whoever owns it and whatever the policy says of
     * who may revoke, for an operator (member or not) or a super admin where the tenant allows it, with a written reason
     * and a fresh MFA login ({@code mfaConfigured}: what Keycloak says now of the caller's account, not what the token
     * says). A distinct event records it; the owner and
     * every super admin are told by mail. A caller who may not is refused as the policy refuses anyone, and the refusal is
     * audited; someone who is neither an operator nor a member finds no tenant.
     */
    public ClientCredential breakGlass(String slug, Caller caller, String id, String reason, boolean mfaConfigured) {
        Tenant tenant = scope.find(slug).orElseThrow(() -> DomainException.notFound("tenant", slug));
        Optional<TeamMember> member = scope.activeMember(tenant, caller.subject());
        if (member.isEmpty() && !caller.operator()) {
            throw DomainException.notFound("tenant", slug);
        }
        ClientCredential c = em.createNamedQuery(ClientCredential.BY_TENANT_AND_ID, ClientCredential.class)
                .setParameter("tenant", tenant).setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> DomainException.notFound("credential", id));
        Instant now = clock.instant();
        refusals.check(tenant, caller.actor(), "credential", c.id(), () -> tenant.checkMayBreakGlass(caller.operator(),
                member.orElse(null), mfaConfigured, caller.federated(), caller.authTime(), reason, now));
        c.revoke(member.orElse(null), now, "break-glass");
        cache.evict(c.clientId());
        audit.record(tenant, AuditAction.CREDENTIAL_BREAK_GLASS_REVOKED, caller.actor(), "credential", c.id(),
                c.name() + ": " + reason.strip());
        outbox.brokeGlass(c, caller.username(), reason.strip());
        return c;
    }

    /** Load within the tenant, ask the policy, let the entity change, forget the cached copy, record it. */
    private ClientCredential change(String slug, Caller caller, String id, String verb, AuditAction action,
                                    BiConsumer<ClientCredential, Membership> change) {
        Membership m = scope.require(slug, caller);
        ClientCredential c = changeable(m, caller, id, verb);
        change.accept(c, m);
        cache.evict(c.clientId());
        audit.record(m.tenant(), action, caller.actor(), "credential", c.id(), c.name());
        return c;
    }

    /** Revokes everything a member holds, in the caller's transaction; used when a member is removed. */
    public int revokeAllHeldBy(Tenant tenant, TeamMember holder, TeamMember by, Actor actor, String reason) {
        Instant now = clock.instant();
        List<ClientCredential> held = heldBy(tenant, holder);
        for (ClientCredential c : held) {
            c.revoke(by, now, reason);
            cache.evict(c.clientId());
            audit.record(tenant, AuditAction.CREDENTIAL_REVOKED, actor, "credential", c.id(), c.name() + " (" + reason + ")");
            outbox.revokedBy(c, actor.username() + " (" + reason + ")");
        }
        return held.size();
    }

    /**
     * The owner's standing changed (Keycloak suspended or restored them, their MFA changed): their
     * credentials' cached copies are dropped here at once and, through the change feed, on every server.
     * Returns how many credentials that touches.
     */
    public int ownerChanged(Tenant tenant, TeamMember owner) {
        Instant now = clock.instant();
        List<ClientCredential> held = heldBy(tenant, owner);
        for (ClientCredential c : held) {
            c.ownerChanged(now);
            cache.evict(c.clientId());
        }
        return held.size();
    }

    /** The policy's rules for a new credential, then the tenant's step-up rule: what creating and eligibility both ask. */
    private static void checkMayCreate(Membership m, Caller caller, List<ClientCredential> held, Instant now) {
        long active = held.stream().filter(c -> !c.isPastExpiry(now)).count();
        m.policy().checkMayCreate(m.member(), caller.federated(), active);
        m.tenant().checkFreshMfa(m.member(), caller.federated(), caller.authTime(), now);
    }

    private List<ClientCredential> heldBy(Tenant tenant, TeamMember member) {
        return em.createNamedQuery(ClientCredential.HELD_BY, ClientCredential.class)
                .setParameter("tenant", tenant).setParameter("owner", member).getResultList();
    }

    /**
     * Writes down the expiries time has brought: a credential past its expiry becomes expired (freeing a one-active
     * slot), audited as {@code credential.expired} and so carried to the tenant's webhooks, once. Returns how many.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int settleExpired(int max) {
        Instant now = clock.instant();
        // bounded below too: the expiry index is then read from the first expiry on, not through every credential that
        // never expires (H2 keeps those at the index's start and would read them all)
        List<ClientCredential> past = em.createQuery("select c from ClientCredential c join fetch c.tenant"
                        + " where c.status in :live and c.expiresAt >= :first and c.expiresAt <= :now order by c.expiresAt", ClientCredential.class)
                .setParameter("live", List.of(CredentialStatus.ACTIVE, CredentialStatus.DISABLED))
                .setParameter("first", Instant.EPOCH).setParameter("now", now)
                .setMaxResults(max).getResultList();
        int settled = 0;
        for (ClientCredential c : past) {
            settled += settleExpiry(c.tenant(), c, now) ? 1 : 0;
        }
        return settled;
    }

    private boolean settleExpiry(Tenant tenant, ClientCredential c, Instant now) {
        if (!c.settleExpiry(now)) {
            return false;
        }
        cache.evict(c.clientId());
        audit.record(tenant, AuditAction.CREDENTIAL_EXPIRED, Actor.SYSTEM, "credential", c.id(), c.name());
        return true;
    }

    private ClientCredential visible(Membership m, String id) {
        return em.createNamedQuery(ClientCredential.BY_TENANT_AND_ID, ClientCredential.class)
                .setParameter("tenant", m.tenant()).setParameter("id", id)
                .getResultStream().filter(c -> m.policy().maySee(m.member(), c)).findFirst()
                .orElseThrow(() -> DomainException.notFound("credential", id));
    }

    private ClientCredential changeable(Membership m, Caller caller, String id, String action) {
        ClientCredential c = visible(m, id);
        refusals.check(m.tenant(), caller.actor(), "credential", c.id(), () -> m.policy().checkMayChange(m.member(), c, action));
        return c;
    }
}
