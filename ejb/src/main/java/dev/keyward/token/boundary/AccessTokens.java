package dev.keyward.token.boundary;

import dev.keyward.access.DirectoryReadiness;
import dev.keyward.credential.control.CachedCredential;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.credential.control.PublicKeys;
import dev.keyward.credential.control.SecretFormat;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.credential.control.UsageLog;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.platform.control.Meters;
import dev.keyward.platform.control.NotInMemory;
import dev.keyward.throttle.RateUsage;
import dev.keyward.throttle.control.RateLimits;
import dev.keyward.throttle.control.Throttles;
import dev.keyward.token.control.AssertionLedger;
import dev.keyward.token.control.ClientAssertions;
import dev.keyward.token.control.DpopProofs;
import dev.keyward.token.control.DpopVerifier;
import dev.keyward.token.control.RevokedTokens;
import dev.keyward.token.control.TokenIds;
import dev.keyward.token.control.TokenSigner;
import dev.keyward.token.control.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;

/**
 * The authorization server: issues access tokens for credentials (RFC 6749 §4.4, and Elastic Path's
 * implicit tokens), introspects them (RFC 7662) and revokes them (RFC 7009). A plain CDI bean, not an
 * EJB: it is the hot path, needs no transaction to issue, and reads credentials from a cache.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String IMPLICIT = "implicit";
    /** The endpoints' paths below the issuer: a client assertion may name the one it is sent to as its audience. */
    public static final String TOKEN_PATH = "/oauth/access_token";
    public static final String INTROSPECTION_PATH = "/oauth/introspect";
    public static final String REVOCATION_PATH = "/oauth/revoke";
    /** What a client assertion may be signed with ({@code private_key_jwt}). */
    public static final List<String> ASSERTION_ALGORITHMS = PublicKeys.ALGORITHMS;
    /** What a DPoP proof may be signed with. */
    public static final List<String> DPOP_ALGORITHMS = DpopProofs.ALGORITHMS;
    /** What an implicit token may do: read the live storefront. */
    static final Set<Permission> IMPLICIT_PERMISSIONS = EnumSet.of(Permission.PRODUCTS_READ);

    @Inject
    Meters meters;

    @Inject
    CredentialCache credentials;

    @Inject
    SecretHasher hasher;

    @Inject
    TokenSigner signer;

    @Inject
    TokenVerifier verifier;

    @Inject
    RevokedTokens revoked;

    @Inject
    UsageLog usage;

    @Inject
    AssertionLedger assertions;

    @Inject
    DpopVerifier dpopVerifier;

    @Inject
    Throttles throttles;

    @Inject
    RateLimits rates;

    @Inject
    Clock clock;

    @Inject
    DirectoryReadiness directory;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "keyward.token.audience", defaultValue = "keyward")
    String audience;

    /**
     * A token with the credential's permissions, or the subset {@code scope} asks for, after checking the
     * client's proof: its secret, or its signed assertion; bound to the client's key when a DPoP proof came with the request.
     */
    public IssuedToken clientCredentials(ClientProof client, String scope, String address, DpopRequest dpop) {
        return metered(CLIENT_CREDENTIALS, client.clientId(), () -> {
            CachedCredential credential = authenticate(client, TOKEN_PATH, address);
            Set<Permission> granted = narrow(credential.permissions(), scope);
            return issue(credential, granted, CLIENT_CREDENTIALS, credential.clientId(), boundKey(credential, dpop));
        });
    }

    /**
     * Elastic Path's implicit token: a client ID alone, no secret, buys a token that reads the live
     * storefront. Safe to hand to a browser because it can do nothing else; a tenant can switch it off.
     */
    public IssuedToken implicit(String clientId, String scope, String address, DpopRequest dpop) {
        return metered(IMPLICIT, clientId, () -> implicitToken(clientId, scope, address, dpop));
    }

    private IssuedToken implicitToken(String clientId, String scope, String address, DpopRequest dpop) {
        if (clientId == null) {
            throw new OAuthError("invalid_request", "client_id is required.");
        }
        Instant now = clock.instant();
        // No secret was proved, so every refusal reads the same: an unknown ID, one that may not be used now, one whose
        // tenant gives no implicit tokens and one that may not read the storefront cannot be told apart.
        Optional<CachedCredential> found = credentials.find(clientId);
        Set<Permission> allowed = EnumSet.copyOf(IMPLICIT_PERMISSIONS);
        CachedCredential credential = found.filter(c -> c.refusal(now, directory.ownersKnown()).isEmpty())
                .filter(CachedCredential::implicitTokensEnabled).orElse(null);
        if (credential != null) {
            allowed.retainAll(credential.permissions());
        }
        if (credential == null || allowed.isEmpty()) {
            throw throttles.clientFailed(clientId, address, found.isPresent(),
                    new OAuthError("invalid_client", "This client ID cannot get an implicit token."));
        }
        Set<Permission> granted = narrow(allowed, scope);
        return issue(credential, granted, IMPLICIT, rateKey(credential.clientId(), IMPLICIT, address), boundKey(credential, dpop));
    }

    /**
     * RFC 7662. The caller authenticates as a credential holding {@code tokens:introspect}, and learns
     * about tokens of its own tenant only: anything else, like anything dead, is simply not active.
     */
    public Optional<AccessToken> introspect(ClientProof client, String token, String address) {
        CachedCredential caller = authenticate(client, INTROSPECTION_PATH, address);
        if (!caller.permissions().contains(Permission.TOKENS_INTROSPECT)) {
            throw new OAuthError("unauthorized_client", "Introspection needs a credential with 'tokens:introspect'.");
        }
        if (token == null) {
            throw new OAuthError("invalid_request", "token is required.");
        }
        return verifier.active(token).filter(t -> t.tenant().equals(caller.tenantSlug()));
    }

    /** What introspection answered from memory: the token, when it is active and the caller's to know of. */
    public record Introspected(Optional<AccessToken> token) {
    }

    /**
     * {@link #introspect} from memory alone, for an answer on the I/O thread that read the request: empty when the
     * request needs more than memory holds (a credential or token not in memory, a token whose signature was not checked
     * before), or anything but a client that proves itself with a secret and may introspect. {@link #introspect} then
     * answers it in full, refusals and their counting included; nothing is counted here. The secret is hashed first
     * whatever the client ID, so that a known and an unknown one cost the same.
     */
    public Optional<Introspected> introspectInMemory(ClientProof client, String token) {
        if (client.assertion() != null || client.assertionType() != null || client.clientId() == null || client.secret() == null
                || token == null) {
            return Optional.empty();
        }
        byte[] presented = hasher.hash(client.secret());
        Instant now = clock.instant();
        try {
            CachedCredential caller = credentials.inMemory(client.clientId()).orElse(null);
            if (caller == null || !(caller.matchesSecret(presented, now) & SecretFormat.isWellFormed(client.secret()))
                    || caller.refusal(now, directory.ownersKnown()).isPresent()
                    || !caller.permissions().contains(Permission.TOKENS_INTROSPECT)) {
                return Optional.empty();
            }
            Introspected answer = new Introspected(verifier.activeInMemory(token).filter(t -> t.tenant().equals(caller.tenantSlug())));
            meters.introspectedInMemory();
            return Optional.of(answer);
        } catch (NotInMemory onlyTheDatabaseKnows) {
            return Optional.empty();
        }
    }

    /**
     * RFC 7009: the client revokes one of its own tokens. Unknown, foreign or already dead tokens are
     * answered the same way, so the endpoint says nothing about tokens the caller does not hold.
     */
    public void revoke(ClientProof client, String token, String sourceIp) {
        CachedCredential caller = authenticate(client, REVOCATION_PATH, sourceIp);
        if (token == null) {
            throw new OAuthError("invalid_request", "token is required.");
        }
        verifier.active(token).filter(t -> t.clientId().equals(caller.clientId()))
                .ifPresent(t -> revoked.revoke(t.jti(), caller.tenantId(), t.clientId(), t.expiresAt(), sourceIp));
    }

    /**
     * Checks a client ID and secret. An unknown client and a wrong secret get the same answer; a state only
     * the secret's holder can learn (disabled, revoked, expired) is told once they have proved it. Both failures
     * cost the same work (a secret that is not even well-formed is hashed too) and count against the client ID's and
     * the address's budgets ({@link Throttles}); the right secret is never refused for them (an HMAC costs
     * microseconds), so neither a stranger hammering an ID nor one sharing a proxy's address locks out its holder.
     */
    private CachedCredential authenticate(ClientProof client, String endpoint, String address) {
        if (client.assertion() != null || client.assertionType() != null) {
            return authenticateByAssertion(client, endpoint, address);
        }
        String clientId = client.clientId();
        String secret = client.secret();
        Instant now = clock.instant();
        Optional<CachedCredential> found = clientId == null ? Optional.empty() : credentials.find(clientId);
        if (secret == null) {
            throw throttles.clientFailed(clientId, address, found.isPresent(), OAuthError.invalidClient());
        }
        byte[] presented = hasher.hash(secret);
        boolean matches = found.map(c -> c.matchesSecret(presented, now)).orElse(false) & SecretFormat.isWellFormed(secret);
        if (!matches) {
            throw throttles.clientFailed(clientId, address, found.isPresent(), OAuthError.invalidClient());
        }
        CachedCredential credential = found.get();
        credential.refusal(now, directory.ownersKnown()).ifPresent(reason -> {
            throw new OAuthError("invalid_client", reason);
        });
        return credential;
    }

    /**
     * Checks a client assertion (RFC 7523): signed by one of the credential's registered public keys, for Keyward, unexpired,
     * and never seen before on any server ({@link AssertionLedger}). A client ID that is unknown or has a secret instead of
     * keys gets the same answer as a wrong secret; for a credential with keys the answer says what was wrong with the
     * assertion. Failures count against the client ID's and the address's budgets, as wrong secrets do.
     */
    private CachedCredential authenticateByAssertion(ClientProof client, String endpoint, String address) {
        if (!ClientAssertions.JWT_BEARER.equals(client.assertionType()) || client.assertion() == null) {
            throw new OAuthError("invalid_request", "A client assertion needs client_assertion_type "
                    + ClientAssertions.JWT_BEARER + " and client_assertion, the JWT.");
        }
        Instant now = clock.instant();
        String clientId = client.clientId() != null ? client.clientId() : ClientAssertions.claimedClient(client.assertion()).orElse(null);
        Optional<CachedCredential> found = clientId == null ? Optional.empty() : credentials.find(clientId);
        List<JsonWebKey> keys = found.map(CachedCredential::publicKeys).orElse(null);
        if (keys == null) {
            throw throttles.clientFailed(clientId, address, found.isPresent(), OAuthError.invalidClient());
        }
        ClientAssertions.Verified verified;
        try {
            List<String> audiences = Stream.of(issuer, issuer + TOKEN_PATH, issuer + endpoint).distinct().toList();
            verified = ClientAssertions.verify(client.assertion(), clientId, keys, audiences, now);
        } catch (ClientAssertions.Refused refused) {
            throw throttles.clientFailed(clientId, address, true, new OAuthError("invalid_client", refused.getMessage()));
        }
        if (!assertions.firstUse(clientId, verified.jti(), verified.acceptableUntil(), now)) {
            throw throttles.clientFailed(clientId, address, true, new OAuthError("invalid_client",
                    "This client assertion was used before: make a new one, with a new jti, for every request."));
        }
        CachedCredential credential = found.get();
        credential.refusal(now, directory.ownersKnown()).ifPresent(reason -> {
            throw new OAuthError("invalid_client", reason);
        });
        return credential;
    }

    /**
     * Counts a token request in the metrics: issued, or refused with its reason (the OAuth error, or the refusal's type for
     * a 429), by grant and by the tenant of the client ID it named (a stranger's guess names none).
     */
    private IssuedToken metered(String grant, String clientId, Supplier<IssuedToken> request) {
        long start = System.nanoTime();
        try {
            IssuedToken issued = request.get();
            meters.tokenIssued(grant, issued.tenant(), Duration.ofNanos(System.nanoTime() - start));
            return issued;
        } catch (OAuthError | DomainException refused) {
            String reason = refused instanceof OAuthError e ? e.error() : ((DomainException) refused).type();
            String tenant = clientId == null ? Meters.NO_TENANT
                    : credentials.find(clientId).map(CachedCredential::tenantSlug).orElse(Meters.NO_TENANT);
            meters.tokenRefused(grant, tenant, reason, Duration.ofNanos(System.nanoTime() - start));
            throw refused;
        }
    }

    /**
     * The thumbprint of the key the token is to be bound to (RFC 9449 §5): that of the request's DPoP proof, once it is
     * checked; null without a proof, unless the credential's tenant requires one. Asked after the client proved itself, so a
     * refusal here tells nothing to a stranger.
     */
    private String boundKey(CachedCredential credential, DpopRequest dpop) {
        DpopRule rule = credential.dpop();
        if (!dpop.sent()) {
            if (rule.required()) {
                throw new OAuthError("invalid_dpop_proof", "This tenant binds every access token to its client's key:"
                        + " send a DPoP proof (RFC 9449) with the token request.", dpopVerifier.nonceFor(rule));
            }
            return null;
        }
        try {
            return dpopVerifier.verify(dpop.proofs(), dpop.method(), dpop.urls(issuer), null, rule.nonce()).jkt();
        } catch (DpopProofs.Refused refused) {
            throw new OAuthError(refused.nonceWanted() ? "use_dpop_nonce" : "invalid_dpop_proof",
                    "The DPoP proof was refused: " + refused.getMessage(), dpopVerifier.nonceFor(rule));
        }
    }

    private IssuedToken issue(CachedCredential credential, Set<Permission> granted, String grant, String rateKey, String jkt) {
        RateUsage rate = rates.take(rateKey, credential.rateLimit());
        Instant now = credential.state().issuedAtFor(clock.instant());
        long lifetime = credential.tokenLifetime().toSeconds();
        Instant expires = now.plusSeconds(lifetime);
        String scopes = Permission.printScope(granted);
        JsonObjectBuilder claims = signer.json().createObjectBuilder()
                .add("iss", issuer)
                .add("sub", credential.clientId())
                .add("aud", signer.json().createArrayBuilder().add(audience))
                .add("client_id", credential.clientId())
                .add("iat", now.getEpochSecond())
                .add("exp", expires.getEpochSecond())
                .add("jti", TokenIds.next())
                .add("scope", scopes)
                .add("tenant", credential.tenantSlug())
                .add("environment", credential.environment())
                .add("grant", grant);
        if (credential.ownerSubject() != null) {
            claims.add("owner", credential.ownerSubject());
        }
        if (jkt != null) {
            claims.add("cnf", signer.json().createObjectBuilder().add("jkt", jkt));
        }
        String token = signer.sign(claims.build());
        usage.used(credential.clientId(), now);
        return new IssuedToken(token, lifetime, expires, scopes, grant, credential.tenantSlug(), rate, jkt,
                dpopVerifier.nonceFor(credential.dpop()));
    }

    private static Set<Permission> narrow(Set<Permission> held, String scope) {
        if (scope == null || scope.isBlank()) {
            return held;
        }
        EnumSet<Permission> asked = EnumSet.noneOf(Permission.class);
        for (String s : Permission.scopeTokens(scope)) {
            Permission p = Permission.named(s).orElseThrow(() -> new OAuthError("invalid_scope", "Unknown scope '" + s + "'."));
            if (!held.contains(p)) {
                throw new OAuthError("invalid_scope", "This token cannot hold '" + s + "'.");
            }
            asked.add(p);
        }
        return asked;
    }

    /**
     * The active token a resource server was shown as a bearer, if it is one: signed by a published key, unexpired,
     * not revoked, and its credential still usable.
     */
    public Optional<AccessToken> active(String bearer) {
        return verifier.active(bearer);
    }

    /** Whether Keyward issued {@code bearer}, alive or not: a leaked token that has died since is still a real find. */
    public boolean issuedHere(String bearer) {
        return verifier.issuedHere(bearer);
    }

    /**
     * Counts a request made with {@code token}, from {@code address}, against its credential's rate limit: what is left,
     * or a 429 when it is used up. A token whose credential is gone counts against nothing (it was refused before this).
     */
    public RateUsage countUse(AccessToken token, String address) {
        return credentials.find(token.clientId()).map(c -> rates.take(rateKey(c.clientId(), token.grant(), address), c.rateLimit()))
                .orElse(RateUsage.UNLIMITED);
    }

    /**
     * What a use counts against: the credential's own budget for what its secret's holder does; for implicit grants and
     * implicit tokens, which anyone who reads the public client ID can make, a budget per visitor's address, so that a
     * stranger can neither use up the holder's limit nor every visitor's.
     */
    private static String rateKey(String clientId, String grant, String address) {
        return IMPLICIT.equals(grant) ? clientId + " " + IMPLICIT + " " + address : clientId;
    }

    /** The public halves of the published signing keys, as a JWK set's {@code keys}. */
    public List<Map<String, String>> publicKeys() {
        return signer.publicJwks();
    }
}
