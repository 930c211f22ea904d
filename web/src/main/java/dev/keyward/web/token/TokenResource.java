package dev.keyward.web.token;

import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.token.boundary.DpopRequest;
import dev.keyward.token.boundary.OAuthError;
import dev.keyward.web.openapi.KeywardOpenApi;
import dev.keyward.web.security.DpopHeaders;
import dev.keyward.web.surface.OAuthEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;


/**
 * The OAuth endpoints: tokens (RFC 6749 §3.2), revocation (RFC 7009) and the signing keys (RFC 7517); introspection
 * (RFC 7662) is {@link IntrospectionEndpoint}. Errors are RFC 6749 §5.2 objects, written by the one error mapper.
 */
@OAuthEndpoint
@Path("oauth")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    AccessTokens tokens;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @POST
    @Path("access_token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = "grant_type", properties = {
                @SchemaProperty(name = "grant_type", type = SchemaType.STRING, enumeration = {"client_credentials", "implicit"}),
                @SchemaProperty(name = "scope", type = SchemaType.STRING, description = "space-separated permissions, a subset of the credential's"),
                @SchemaProperty(name = "client_id", type = SchemaType.STRING, description = "instead of HTTP Basic; alone for implicit"),
                @SchemaProperty(name = "client_secret", type = SchemaType.STRING, description = "instead of HTTP Basic"),
                @SchemaProperty(name = "client_assertion_type", type = SchemaType.STRING,
                        enumeration = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", description = "private_key_jwt (RFC 7523)"),
                @SchemaProperty(name = "client_assertion", type = SchemaType.STRING, description = "a JWT signed with the credential's key")})))
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers, byte[] body) {
        Form form = Form.read(body, contentType);
        ClientAuthentication client = ClientAuthentication.from(authorization, form);
        String grantType = form.field("grant_type");
        String scope = form.field("scope");
        if (grantType == null) {
            throw new OAuthError("invalid_request", "grant_type is required.");
        }
        // RFC 9449 §5: a DPoP proof binds the token to the client's key
        DpopRequest dpop = DpopHeaders.of("POST", headers.getRequestHeader(DpopHeaders.DPOP), uri);
        var issued = switch (grantType) {
            case AccessTokens.CLIENT_CREDENTIALS -> tokens.clientCredentials(client.proof(), scope, request.getRemoteAddr(), dpop);
            // Elastic Path's public-client grant: a client ID alone, no secret, for a read-only storefront token.
            case AccessTokens.IMPLICIT -> tokens.implicit(client.clientId(), scope, request.getRemoteAddr(), dpop);
            default -> throw new OAuthError("unsupported_grant_type", "Supported grant types: client_credentials, implicit.");
        };
        Response.ResponseBuilder ok = Response.ok(TokenResponse.of(issued));
        issued.usage().headers().forEach(ok::header);
        if (issued.dpopNonce() != null) {
            ok.header(DpopHeaders.DPOP_NONCE, issued.dpopNonce());
        }
        return noStore(ok);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequestBody(ref = KeywardOpenApi.TOKEN_FORM)
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Form form = Form.read(body, contentType);
        ClientAuthentication client = ClientAuthentication.from(authorization, form);
        tokens.revoke(client.proof(), form.field("token"), request.getRemoteAddr());
        return noStore(Response.ok());
    }

    /**
     * The public keys that verify Keyward's tokens (RFC 7517): the key signing now, the next one (published
     * before it signs) and retiring ones. Cacheable for less than the publish lead.
     */
    @GET
    @Path("jwks")
    public Response jwks() {
        return Response.ok(Map.of("keys", tokens.publicKeys())).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
