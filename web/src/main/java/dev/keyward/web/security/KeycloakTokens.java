package dev.keyward.web.security;

import dev.keyward.access.RealmKeys;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.platform.KeycloakSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies Keycloak access tokens for the management API with SmallRye JWT, WildFly's MicroProfile JWT
 * implementation, against the realm's published keys: signature, issuer, audience, expiry.
 *
 * <p>Why the parser and not the servlet mechanism ({@code @LoginConfig(authMethod = "MP-JWT")}): the
 * mechanism inspects every bearer token sent to the WAR, and the store API's bearer tokens are Keyward's
 * own, which Keycloak's keys rightly reject.
 */
@ApplicationScoped
public class KeycloakTokens {

    @Inject
    KeycloakSettings keycloak;

    @Inject
    RealmKeys realmKeys;

    /** The parser for the key set it was made for; made again when Keycloak's keys change. */
    private volatile Checker checker;

    private record Checker(String jwks, JWTParser parser) {
    }

    /**
     * The verified token, or empty for a token that is not a valid access token of the realm for Keyward. Fails
     * with a 503 while Keycloak's keys have never been fetched: no answer about the caller is possible then.
     */
    public Optional<JsonWebToken> verify(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 16_384) {
            return Optional.empty();
        }
        String jwks = realmKeys.jwks().orElseThrow(() -> new DomainException(DomainException.Kind.UNAVAILABLE,
                "keycloak-keys-unavailable", "Keycloak is not reachable",
                "Keyward has not yet been able to fetch Keycloak's signing keys to check your token; try again shortly."));
        try {
            return Optional.of(checkerFor(jwks).parser().parse(bearer));
        } catch (ParseException | RuntimeException invalid) {
            realmKeys.refresh(); // a key Keycloak has just rotated in, perhaps
            return Optional.empty();
        }
    }

    private Checker checkerFor(String jwks) {
        Checker c = checker;
        if (c == null || !c.jwks().equals(jwks)) {
            JWTAuthContextInfo context = new JWTAuthContextInfo();
            context.setPublicKeyContent(jwks);
            context.setIssuedBy(keycloak.tokenIssuer());
            context.setExpectedAudience(Set.of(keycloak.tokenAudience()));
            context.setSignatureAlgorithm(SignatureAlgorithm.RS256);
            c = new Checker(jwks, new DefaultJWTParser(context));
            checker = c;
        }
        return c;
    }
}
