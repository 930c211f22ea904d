package dev.keyward.credential.control;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialState;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.tenant.DpopRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;

/**
 * What the token endpoint needs to know about a credential: its {@link CredentialState} (which owns the
 * secret check and the rules that decide whether it may be used) and the facts about its tenant and owner that
 * go into a token, read once when it was loaded. Nothing changes it afterwards; a change to the credential
 * replaces the whole snapshot. A credential without a secret keeps its public keys parsed ({@code publicKeys}, null for one
 * with a secret), so that an assertion's check starts from keys, not JSON. It holds no entity: a few hundred bytes each, where the detached credential with
 * its tenant, policy and owner took about 2 KB.
 */
public record CachedCredential(CredentialState state, String clientId, String tenantId, String tenantSlug,
                                 String environment, Set<Permission> permissions, String ownerSubject,
                                 boolean implicitTokensEnabled, Duration tokenLifetime, RateLimit rateLimit, long version,
                                 List<JsonWebKey> publicKeys, DpopRule dpop) {

    static final String OWNER_NOT_YET_CHECKED = "The credential's owner has not yet been checked with Keycloak since this server started;"
            + " try again shortly.";

    public static CachedCredential of(ClientCredential c) {
        TeamMember owner = c.owner();
        // a tenant's ID, slug and environments repeat across its credentials: one copy of each
        return new CachedCredential(c.state(), c.clientId(), c.tenant().id().intern(), c.tenant().slug().intern(),
                c.environment().intern(), Set.copyOf(c.permissions()), owner == null ? null : owner.subject(),
                c.tenant().policy().implicitTokensEnabled(), c.tenant().policy().tokenLifetime(), c.effectiveRateLimit(), c.version(),
                c.publicKeys() == null ? null : PublicKeys.parse(c.publicKeys()), c.tenant().dpop());
    }

    /** Whether the row at {@code rowVersion} is newer than what this copy was read from (versions, not clocks). */
    public boolean olderThan(long rowVersion) {
        return version < rowVersion;
    }

    public boolean matchesSecret(byte[] presentedHash, Instant now) {
        return state.matchesSecret(presentedHash, now);
    }

    /**
     * Why this credential may not be used now, if it may not: see {@link CredentialState#refusal}. And while the
     * owners' state in Keycloak is not known on this server ({@code ownersKnown} false: it started and has not yet
     * reconciled with Keycloak), a credential a person owns waits, since that person may have been disabled or deleted
     * while Keyward was not running.
     */
    public Optional<String> refusal(Instant now, boolean ownersKnown) {
        if (!ownersKnown && ownerSubject != null) {
            return Optional.of(OWNER_NOT_YET_CHECKED);
        }
        return state.refusal(now);
    }
}
