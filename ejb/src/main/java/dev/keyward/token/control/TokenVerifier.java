package dev.keyward.token.control;

import dev.keyward.credential.control.CachedCredential;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.domain.credential.Permission;
import dev.keyward.access.DirectoryReadiness;
import dev.keyward.platform.control.NotInMemory;
import dev.keyward.token.boundary.AccessToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether a Keyward access token may be used now. Two questions, answered differently:
 * <ul>
 * <li>is it genuine (our signature, our issuer and audience)? Answered once per token and remembered,
 * since a signature never changes;</li>
 * <li>is it still alive (not expired, not revoked, its credential still active and its owner still
 * allowed)? Answered on every use, from memory, so that revoking a credential or a token stops every
 * token at once rather than when it expires.</li>
 * </ul>
 */
@ApplicationScoped
public class TokenVerifier {

    private static final int MAX_REMEMBERED = 100_000;

    @Inject
    TokenSigner signer;

    @Inject
    CredentialCache credentials;

    @Inject
    RevokedTokens revoked;

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

    private final ConcurrentHashMap<String, AccessToken> genuine = new ConcurrentHashMap<>();

    /** The token, when it is genuine and alive now. */
    public Optional<AccessToken> active(String jwt) {
        AccessToken token = genuine(jwt);
        return token == null ? Optional.empty() : alive(token, credentials::find);
    }

    /**
     * {@link #active}, from memory alone: {@link NotInMemory} for a token not checked before (its signature is checked
     * off the I/O threads) or whose credential is not in memory.
     */
    public Optional<AccessToken> activeInMemory(String jwt) {
        AccessToken token = jwt == null ? null : genuine.get(jwt);
        if (token == null) {
            throw NotInMemory.thrown();
        }
        return alive(token, credentials::inMemory);
    }

    private Optional<AccessToken> alive(AccessToken token, Function<String, Optional<CachedCredential>> credentialById) {
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt()) || revoked.isRevoked(token.jti())) {
            return Optional.empty();
        }
        Instant issuedAt = token.issuedAt();
        CachedCredential credential = credentialById.apply(token.clientId())
                .filter(c -> c.refusal(now, directory.ownersKnown()).isEmpty() && c.state().honoursTokenIssuedAt(issuedAt)).orElse(null);
        return credential == null ? Optional.empty() : Optional.of(token.withCredential(credential.tenantId(), credential.dpop()));
    }

    /** Whether this server issued {@code jwt} (signed by one of its keys, for its issuer and audience), alive or not. */
    public boolean issuedHere(String jwt) {
        return genuine(jwt) != null;
    }

    /** The token {@code jwt} stands for when this server issued it, else null; remembered, as checking costs a signature. */
    private AccessToken genuine(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > 4096) {
            return null;
        }
        AccessToken token = genuine.get(jwt);
        if (token == null) {
            token = signer.verify(jwt, TokenSigner.ACCESS_TOKEN).map(this::toAccessToken).orElse(null);
            if (token == null) {
                return null;
            }
            if (genuine.size() >= MAX_REMEMBERED) {
                genuine.clear();
            }
            genuine.put(jwt, token);
        }
        return token;
    }

    private AccessToken toAccessToken(JsonObject claims) {
        try {
            if (!issuer.equals(claims.getString("iss", null)) || !hasAudience(claims)) {
                return null;
            }
            return new AccessToken(claims.getString("jti"), claims.getString("client_id"), claims.getString("tenant"), null,
                    claims.getString("environment"), Permission.parseScope(claims.getString("scope", "")), claims.getString("grant"),
                    Instant.ofEpochSecond(claims.getJsonNumber("iat").longValue()),
                    Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()),
                    claims.getString("owner", null), issuer, audience, boundKey(claims), null);
        } catch (RuntimeException missingClaim) {
            return null;
        }
    }

    /** RFC 9449 §6.1: the thumbprint in {@code cnf.jkt}, or null for a bearer token. */
    private static String boundKey(JsonObject claims) {
        JsonObject cnf = claims.getJsonObject("cnf");
        return cnf == null ? null : cnf.getString("jkt");
    }

    private boolean hasAudience(JsonObject claims) {
        JsonValue aud = claims.get("aud");
        if (aud instanceof JsonString s) {
            return audience.equals(s.getString());
        }
        return aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY
                && aud.asJsonArray().getValuesAs(JsonString.class).stream().anyMatch(s -> audience.equals(s.getString()));
    }
}
