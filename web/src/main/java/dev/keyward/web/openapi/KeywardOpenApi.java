package dev.keyward.web.openapi;

import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.web.surface.Surface;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the generated document, surface by surface: each of Keyward's four APIs has its own way in and its own error
 * format, and every operation of it says so. A surface is known by its path here, as the document knows nothing else;
 * the resources themselves are bound to their surface by annotations, and {@link Surface} places a path.
 */
public class KeywardOpenApi implements OASFilter {

    /** The form introspection and revocation take (RFC 7662, RFC 7009), described once and named by both. */
    public static final String TOKEN_FORM = "TokenForm";

    /** Where Keyward's problem types live too. */
    static final String HOME = "https://keyward.dev/";

    /** How each API is entered and how it answers a mistake, and which mistakes it answers. */
    record Entry(String scheme, String errorMediaType, String errorSchema, List<String> errors) {
    }

    static Entry of(Surface surface) {
        return switch (surface) {
            case MANAGEMENT -> new Entry("keycloak", "application/problem+json", "Problem", List.of("400", "401", "403", "404", "409", "429", "503"));
            case OAUTH -> new Entry("client", "application/json", "OAuthError", List.of("400", "401", "429"));
            case STORE -> new Entry("accessToken", "application/json", "JsonApiErrors", List.of("400", "401", "403", "404", "409", "429"));
            case EUID -> new Entry("euidApiKey", "application/json", "EuidError", List.of("400", "401", "429"));
            // each leak door authenticates its reporter its own way (GitHub's signature, GitLab's token, nobody)
            case LEAKS -> new Entry(null, "application/problem+json", "Problem", List.of("400", "401", "429"));
            case OTHER -> null;
        };
    }

    /** The OAuth surface's documents anyone may read: its keys and its metadata. */
    static final Set<String> PUBLIC = Set.of("/oauth/jwks", "/.well-known/oauth-authorization-server");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        // every object filled in: what is left empty here is added empty after this filter, which a validator refuses
        api.info(OASFactory.createInfo().title("Keyward").version("1")
                .description("API credentials for a platform's people: the management API (Keycloak sign-in), the OAuth token "
                        + "endpoints (client credentials), a store API (Elastic Path's shape) and the EUID operator API.")
                .contact(OASFactory.createContact().name("Keyward").url(HOME))
                .license(OASFactory.createLicense().name("Keyward").url(HOME + "license")));
        api.externalDocs(OASFactory.createExternalDocumentation().description("Keyward's guide").url(HOME + "docs"));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.components(components);
        components.addSecurityScheme("keycloak", http("bearer", "JWT",
                "An access token from Keycloak's realm for a person (the console's sign-in, or bin/keyward token USER)."));
        components.addSecurityScheme("client", http("basic", null,
                "A credential's client ID and secret (HTTP Basic, or client_id and client_secret in the form)."));
        components.addSecurityScheme("accessToken", http("bearer", "JWT", "An access token from /oauth/access_token."));
        components.addSecurityScheme("euidApiKey", http("bearer", null,
                "An EUID key's API key; the body is encrypted with its client secret (the EUID operator's envelope)."));
        errorSchemas().forEach(components::addSchema);
        components.addRequestBody(TOKEN_FORM, tokenForm());
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().addPathItem(AccessTokens.INTROSPECTION_PATH, introspection());
        api.getPaths().getPathItems().forEach((path, item) -> {
            Entry entry = PUBLIC.contains(path) ? null : of(Surface.of(null, path));
            if (entry != null) {
                describe(item, entry);
            }
        });
    }

    private static void describe(PathItem item, Entry surface) {
        if (item.getOperations() == null) {
            return;
        }
        for (Operation operation : item.getOperations().values()) {
            if (surface.scheme() != null) {
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(surface.scheme()));
            }
            APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
            operation.responses(responses);
            for (String status : surface.errors()) {
                if (!responses.hasAPIResponse(status)) {
                    responses.addAPIResponse(status, OASFactory.createAPIResponse().description(describe(status))
                            .content(OASFactory.createContent().addMediaType(surface.errorMediaType(), OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref(surface.errorSchema())))));
                }
            }
        }
    }

    private static String describe(String status) {
        return switch (status) {
            case "400" -> "The request is malformed or invalid; the answer names the field.";
            case "401" -> "Not authenticated, or the credential cannot be used now.";
            case "403" -> "Authenticated, but not allowed to do this.";
            case "404" -> "Nothing there, or nothing this caller may see.";
            case "409" -> "Refused by the tenant's policy or by the object's state.";
            case "429" -> "Too many requests or failures; Retry-After says when to try again.";
            case "503" -> "A dependency (the database, Keycloak) is unavailable; Retry-After says when to try again.";
            default -> "An error.";
        };
    }

    private static SecurityScheme http(String scheme, String bearerFormat, String description) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme(scheme).bearerFormat(bearerFormat)
                .description(description);
    }

    /** RFC 7662 introspection, a servlet ({@code IntrospectionEndpoint}) that the scan of JAX-RS resources does not see. */
    private static PathItem introspection() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema seconds = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64");
        Schema claims = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("active"))
                .addProperty("active", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN))
                .addProperty("scope", string).addProperty("client_id", string)
                .addProperty("token_type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("Bearer", "DPoP")))
                .addProperty("exp", seconds).addProperty("iat", seconds).addProperty("sub", string).addProperty("aud", string)
                .addProperty("iss", string).addProperty("jti", string).addProperty("tenant", string).addProperty("environment", string)
                .addProperty("grant", string).addProperty("owner", string)
                .addProperty("cnf", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("jkt", string));
        return OASFactory.createPathItem().POST(OASFactory.createOperation().operationId("introspect")
                .summary("Whether a token is active, and its claims (RFC 7662)")
                .requestBody(OASFactory.createRequestBody().ref(TOKEN_FORM))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("The token's claims when it is active and of the caller's tenant; else {\"active\":false} alone.")
                        .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType().schema(claims))))));
    }

    private static org.eclipse.microprofile.openapi.models.parameters.RequestBody tokenForm() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema form = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("token"))
                .addProperty("token", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("an access token"))
                .addProperty("token_type_hint", string)
                .addProperty("client_id", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("instead of HTTP Basic"))
                .addProperty("client_secret", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("instead of HTTP Basic"))
                .addProperty("client_assertion_type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("urn:ietf:params:oauth:client-assertion-type:jwt-bearer, for private_key_jwt (RFC 7523)"))
                .addProperty("client_assertion", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("a JWT signed with the credential's key"));
        return OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                .addMediaType("application/x-www-form-urlencoded", OASFactory.createMediaType().schema(form)));
    }

    private static Map<String, Schema> errorSchemas() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema problem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 9457 problem details")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string).addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT).addProperty("field", string).addProperty("message", string)))
                .addProperty("incident", string).addProperty("requestId", string).required(List.of("type", "title", "status"));
        Schema oauth = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 6749 §5.2 error")
                .addProperty("error", string).addProperty("error_description", string).required(List.of("error"));
        Schema jsonApi = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("JSON:API errors")
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT).addProperty("status", string).addProperty("title", string)
                        .addProperty("detail", string)))
                .required(List.of("errors"));
        Schema euid = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The EUID operator's answer: client_error, unauthorized or unknown, with a message")
                .addProperty("status", string).addProperty("message", string).required(List.of("status"));
        return Map.of("Problem", problem, "OAuthError", oauth, "JsonApiErrors", jsonApi, "EuidError", euid);
    }
}
