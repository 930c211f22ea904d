package dev.keyward.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyward.it.Http;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /openapi}: valid by a real OpenAPI parser's judgement, with every resource method of the
 * built WAR in it (the same list the authorization matrix walks), each surface's way in and its error format.
 */
class OpenApiIT {

    private static OpenAPI api;

    @BeforeAll
    static void read() {
        Http.Answer answer = Http.send("GET", "/openapi", Map.of("Accept", "application/json"), null);
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), answer.toString());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        assertEquals(List.of(), result.getMessages(), "the OpenAPI parser's complaints");
        api = result.getOpenAPI();
        assertNotNull(api);
    }

    @Test
    void everyResourceMethodIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (AuthorizationMatrixIT.Endpoint e : AuthorizationMatrixIT.Endpoint.inBuiltWar()) {
            PathItem item = api.getPaths().get(e.path());
            Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(e.method()));
            if (operation == null) {
                missing.add(e.key() + " (" + e.javaMethod() + ")");
            }
        }
        assertEquals(List.of(), missing, "resource methods missing from /openapi");
        assertTrue(api.getPaths().size() > 40, "paths: " + api.getPaths().size());
    }

    @Test
    void eachSurfaceSaysWhoMayCallItAndHowItAnswersAMistake() {
        assertScheme("/api/v1/tenants", PathItem.HttpMethod.POST, "keycloak", "application/problem+json", "Problem");
        assertScheme("/oauth/access_token", PathItem.HttpMethod.POST, "client", "application/json", "OAuthError");
        assertScheme("/v2/products", PathItem.HttpMethod.POST, "accessToken", "application/json", "JsonApiErrors");
        assertScheme("/euid/v2/token/generate", PathItem.HttpMethod.POST, "euidApiKey", "application/json", "EuidError");
        Operation jwks = api.getPaths().get("/oauth/jwks").getGet();
        assertTrue(jwks.getSecurity() == null || jwks.getSecurity().isEmpty(), "the public keys are public");
        assertEquals("http", api.getComponents().getSecuritySchemes().get("keycloak").getType().toString());
        assertEquals("Keyward", api.getInfo().getTitle());
    }

    @Test
    void theTokenEndpointsSayWhatTheirFormsHold() {
        var form = api.getPaths().get("/oauth/access_token").getPost().getRequestBody().getContent().get("application/x-www-form-urlencoded");
        assertEquals(List.of("grant_type"), form.getSchema().getRequired());
        io.swagger.v3.oas.models.media.Schema<?> grantType = (io.swagger.v3.oas.models.media.Schema<?>) form.getSchema().getProperties().get("grant_type");
        assertEquals(List.of("client_credentials", "implicit"), grantType.getEnum());
        for (String endpoint : List.of("/oauth/introspect", "/oauth/revoke")) {
            var body = api.getPaths().get(endpoint).getPost().getRequestBody();
            var named = body.get$ref() == null ? body : api.getComponents().getRequestBodies().get(body.get$ref().replaceFirst(".*/", ""));
            assertEquals(List.of("token"), named.getContent().get("application/x-www-form-urlencoded").getSchema().getRequired(), endpoint);
        }
    }

    @Test
    void recordsOnTheWireHaveTheirSchemas() {
        assertTrue(api.getComponents().getSchemas().keySet().stream().anyMatch(n -> n.equals("CredentialView")),
                "schemas: " + api.getComponents().getSchemas().keySet());
    }

    private static void assertScheme(String path, PathItem.HttpMethod method, String scheme, String mediaType, String schema) {
        Operation o = api.getPaths().get(path).readOperationsMap().get(method);
        assertNotNull(o, method + " " + path);
        assertTrue(o.getSecurity().stream().map(SecurityRequirement::keySet).anyMatch(k -> k.contains(scheme)), path + ": " + o.getSecurity());
        var unauthenticated = o.getResponses().get("401");
        assertNotNull(unauthenticated, path + " has no 401");
        assertTrue(unauthenticated.getContent().get(mediaType).getSchema().get$ref().endsWith("/" + schema), path + ": " + unauthenticated);
    }
}
