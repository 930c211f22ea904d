package dev.keyward.web.token;

import dev.keyward.token.boundary.ClientProof;
import dev.keyward.token.boundary.OAuthError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a client said who it is (RFC 6749 §2.3.1): HTTP Basic with form-urlencoded ID and secret, or
 * {@code client_id} and {@code client_secret} form fields; or a client assertion (RFC 7523 §2.2,
 * {@code client_assertion_type} and {@code client_assertion}), with {@code client_id} optional. Using two methods at once
 * is an invalid request.
 */
record ClientAuthentication(String clientId, String secret, String assertion, String assertionType) {

    static ClientAuthentication from(String authorization, Form form) {
        String formId = form.field("client_id");
        String formSecret = form.field("client_secret");
        String assertion = form.field("client_assertion");
        String assertionType = form.field("client_assertion_type");
        boolean asserted = assertion != null || assertionType != null;
        boolean basicHeader = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (asserted && (formSecret != null || basicHeader)) {
            throw new OAuthError("invalid_request", "Use one client authentication method: a client assertion, or a secret.");
        }
        if (!basicHeader) {
            return new ClientAuthentication(formId, formSecret, assertion, assertionType);
        }
        if (formSecret != null) {
            throw new OAuthError("invalid_request", "Use one client authentication method, not both Basic and form fields.");
        }
        String[] pair = basic(authorization.substring(6).trim());
        if (formId != null && !formId.equals(pair[0])) {
            throw new OAuthError("invalid_request", "client_id in the form differs from the one in the Authorization header.");
        }
        return new ClientAuthentication(pair[0], pair[1], null, null);
    }

    /** What the token plane checks. */
    ClientProof proof() {
        return new ClientProof(clientId, secret, assertion, assertionType);
    }

    @Override
    public String toString() {
        return "ClientAuthentication[" + clientId + "]"; // never the secret or the assertion
    }

    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient();
            }
            return new String[]{
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient();
        }
    }
}
