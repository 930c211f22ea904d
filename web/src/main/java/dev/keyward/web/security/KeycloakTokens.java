package dev.keyward.web.security;

import dev.keyward.platform.KeycloakSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
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

    private JWTParser parser;

    @PostConstruct
    void init() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(keycloak.tokenKeys(), keycloak.tokenIssuer());
        context.setExpectedAudience(Set.of(keycloak.tokenAudience()));
        context.setSignatureAlgorithm(SignatureAlgorithm.RS256);
        parser = new DefaultJWTParser(context);
    }

    public Optional<JsonWebToken> verify(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 16_384) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(bearer));
        } catch (ParseException | RuntimeException invalid) {
            return Optional.empty();
        }
    }
}
