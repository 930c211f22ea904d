package dev.keyward.web.token;

import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.token.boundary.OAuthError;
import dev.keyward.token.control.TokenSigner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint (RFC 6749 §3.2) and its key set. Client authentication by HTTP Basic (§2.3.1, with
 * form-urlencoded ID and secret) or by {@code client_id} and {@code client_secret} form fields; using both
 * at once is an invalid request, as the RFC requires.
 */
@Path("oauth")
@RequestScoped
public class TokenResource {

    @Inject
    AccessTokens tokens;

    @Inject
    TokenSigner signer;

    @POST
    @Path("access_token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultivaluedMap<String, String> form) {
        String grantType = single(form, "grant_type");
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        String clientId = formId;
        String secret = formSecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formSecret != null) {
                throw new OAuthError("invalid_request", "Use one client authentication method, not both Basic and form fields.");
            }
            String[] basic = basic(authorization.substring(6).trim());
            if (formId != null && !formId.equals(basic[0])) {
                throw new OAuthError("invalid_request", "client_id in the form differs from the one in the Authorization header.");
            }
            clientId = basic[0];
            secret = basic[1];
        }
        if (grantType == null) {
            throw new OAuthError("invalid_request", "grant_type is required.");
        }
        if (!AccessTokens.CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthError("unsupported_grant_type", "Supported grant types: client_credentials.");
        }
        return Response.ok(TokenResponse.of(tokens.clientCredentials(clientId, secret, single(form, "scope"))))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    /** The public keys that verify Keyward's access tokens (RFC 7517). */
    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", List.of(signer.publicJwk()));
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new OAuthError("invalid_request", name + " is given more than once.");
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
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
