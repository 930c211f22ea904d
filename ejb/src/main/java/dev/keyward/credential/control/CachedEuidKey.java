package dev.keyward.credential.control;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialState;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.credential.SealedSecret;
import dev.keyward.domain.shared.RateLimit;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.platform.control.MasterKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the EUID endpoints need to know about a key, read once: its {@link CredentialState} (the API key's check and
 * whether it may be used now), its participant, environment and roles, and its client secrets opened, the current one
 * and, while a rotation's grace period runs, the previous one; the RFC 7638 thumbprints of the keys its requests' DPoP
 * proofs must be signed by ({@code proofKeys}, empty for a bearer API key) and its participant's DPoP rule. A change to the
 * key, or to its participant's rule, replaces the whole snapshot.
 */
public record CachedEuidKey(CredentialState state, String keyId, String tenantId, String tenantSlug, int siteId,
                            String environment, Set<Permission> roles, byte[] clientSecret, byte[] previousClientSecret,
                            Instant previousValidUntil, RateLimit rateLimit, long version, Set<String> proofKeys, DpopRule dpop) {

    static CachedEuidKey of(ClientCredential key, MasterKeys masterKeys, Instant now) {
        SealedSecret current = key.clientSecret();
        SealedSecret previous = key.previousClientSecret(now);
        Integer site = key.tenant().euidSiteId();
        return new CachedEuidKey(key.state(), key.clientId(), key.tenant().id(), key.tenant().slug(), site == null ? 0 : site,
                key.environment().intern(), Set.copyOf(key.permissions()),
                current == null ? null : masterKeys.open(current, key.id()), previous == null ? null : masterKeys.open(previous, key.id()),
                previous == null ? null : key.previousValidUntil(), key.effectiveRateLimit(), key.version(),
                key.publicKeys() == null ? Set.of() : PublicKeys.thumbprints(key.publicKeys()), key.tenant().dpop());
    }

    /** Whether the API key works only with a DPoP proof signed by one of its proof keys. */
    public boolean bound() {
        return !proofKeys.isEmpty();
    }

    /** The client secrets that open and answer envelopes at {@code now}: the current one first. */
    public List<byte[]> clientSecretsAt(Instant now) {
        if (clientSecret == null) {
            return List.of();
        }
        return previousClientSecret != null && CredentialState.inGrace(previousValidUntil, now)
                ? List.of(clientSecret, previousClientSecret) : List.of(clientSecret);
    }

    /** Why the key may not be used now (disabled, revoked, expired), if it may not. */
    public Optional<String> refusal(Instant now) {
        return state.refusal(now);
    }

    public boolean matchesApiKey(byte[] presentedHash, Instant now) {
        return state.matchesSecret(presentedHash, now);
    }

    public boolean olderThan(long rowVersion) {
        return version < rowVersion;
    }

    @Override
    public String toString() {
        return "CachedEuidKey[" + keyId + "]"; // never the client secrets
    }
}
