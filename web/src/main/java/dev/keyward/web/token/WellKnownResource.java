package dev.keyward.web.token;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.web.surface.OAuthEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** RFC 8414 authorization server metadata, so that standard OAuth clients and resource servers find everything. */
@OAuthEndpoint
@Path(".well-known/oauth-authorization-server")
@ApplicationScoped
public class WellKnownResource {

    private static final List<String> CLIENT_AUTH = List.of("client_secret_basic", "client_secret_post", "private_key_jwt");

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    private volatile Map<String, Object> metadata;

    /** The document never changes while the server runs: built once. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> metadata() {
        Map<String, Object> m = metadata;
        if (m == null) {
            m = build();
            metadata = m;
        }
        return m;
    }

    private Map<String, Object> build() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("token_endpoint", issuer + "/oauth/access_token");
        m.put("jwks_uri", issuer + "/oauth/jwks");
        m.put("introspection_endpoint", issuer + "/oauth/introspect");
        m.put("revocation_endpoint", issuer + "/oauth/revoke");
        m.put("grant_types_supported", List.of(AccessTokens.CLIENT_CREDENTIALS, AccessTokens.IMPLICIT));
        // No authorization endpoint: Keyward's "implicit" is Elastic Path's client-ID-only token grant.
        m.put("response_types_supported", List.of());
        m.put("token_endpoint_auth_methods_supported", CLIENT_AUTH);
        m.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH);
        m.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTH);
        m.put("token_endpoint_auth_signing_alg_values_supported", AccessTokens.ASSERTION_ALGORITHMS);
        m.put("introspection_endpoint_auth_signing_alg_values_supported", AccessTokens.ASSERTION_ALGORITHMS);
        m.put("revocation_endpoint_auth_signing_alg_values_supported", AccessTokens.ASSERTION_ALGORITHMS);
        m.put("dpop_signing_alg_values_supported", AccessTokens.DPOP_ALGORITHMS);
        m.put("scopes_supported", Permission.catalogue(CredentialKind.OAUTH_CLIENT));
        return Collections.unmodifiableMap(m);
    }
}
