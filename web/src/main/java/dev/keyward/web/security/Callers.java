package dev.keyward.web.security;

import dev.keyward.access.Caller;
import dev.keyward.domain.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the request's Keycloak access token, verified by {@link KeycloakTokens}, into the {@link Caller}
 * the services take. A management request without a valid token gets 401, as a problem.
 */
@RequestScoped
public class Callers {

    /** The Keycloak realm role that may create tenants. */
    static final String OPERATOR_ROLE = "keyward-operator";

    @Inject
    KeycloakTokens keycloak;

    @Inject
    HttpServletRequest request;

    private Caller caller;

    /** The caller, from the request's Keycloak token; 401 without a valid one. */
    public Caller current() {
        if (caller == null) {
            caller = fromToken();
        }
        return caller;
    }

    private static Instant authTime(JsonWebToken token) {
        Object claim = token.getClaim("auth_time");
        if (claim instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (claim instanceof JsonNumber n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        return null;
    }

    private Caller fromToken() {
        String authorization = request.getHeader("Authorization");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        JsonWebToken token = keycloak.verify(bearer).orElse(null);
        String subject = token == null ? null : token.getSubject();
        if (subject == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "Authentication required",
                    "Send a valid, unexpired Keycloak access token for the keyward realm as 'Authorization: Bearer <token>'.");
        }
        Set<String> roles = token.getGroups();
        String username = token.getClaim("preferred_username");
        // Keycloak's broker writes the identity provider's alias into the token (realm mapper 'identity_provider').
        Object idp = token.getClaim("identity_provider");
        return new Caller(subject, username == null ? subject : username, token.getClaim("email"),
                roles != null && roles.contains(OPERATOR_ROLE), idp != null && !idp.toString().isBlank(),
                request.getRemoteAddr(), authTime(token));
    }
}
