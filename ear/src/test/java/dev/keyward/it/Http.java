package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Talks HTTP to the running Keyward and to the real Keycloak: logins with the dev realm's
 * {@code keyward-cli} client, JSON requests with a bearer token, form posts to the token endpoint.
 */
public final class Http {

    public static final String KEYWARD = System.getProperty("keyward.it.baseUrl", "http://localhost:18080");
    public static final String KEYCLOAK = System.getProperty("keyward.it.keycloakUrl", "http://localhost:18180");
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, Login> LOGINS = new ConcurrentHashMap<>();

    private Http() {
    }

    /** An answer, with the body kept as text so tests can also search it for what must not be there. */
    public record Answer(int status, HttpHeaders headers, String body) {

        /** Every answer's secrets and tokens are noted down, for the search of the server's log after the suite. */
        public Answer {
            SeenSecrets.in(body);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private record Login(String token, long at) {
    }

    /** A form post to the keyward realm's token endpoint in Keycloak. */
    public static Answer keycloakToken(Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/keyward/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    /** A password login with a one-time code, as someone with MFA signs in from the command line. */
    public static Answer login(String username, String totp) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", "keyward-cli",
                "username", username, "password", "keyward"));
        if (totp != null) {
            form.put("totp", totp);
        }
        return keycloakToken(form);
    }

    /** A real Keycloak access token for a dev-realm user (password 'keyward'), reused for a few minutes. */
    public static String token(String username) {
        Login login = LOGINS.get(username);
        if (login == null || System.currentTimeMillis() - login.at > 240_000) {
            Answer a = login(username, null);
            if (a.status != 200) {
                throw new AssertionError("Keycloak login for " + username + " failed: " + a);
            }
            login = new Login(a.json().get("access_token").asText(), System.currentTimeMillis());
            LOGINS.put(username, login);
        }
        return login.token;
    }

    public static Answer get(String path, String user) {
        return send(builder(path, user).GET().build());
    }

    public static Answer post(String path, String user, Object body) {
        return send(post(path, user, body, "application/json"));
    }

    public static CompletableFuture<Answer> postAsync(String path, String user, Object body) {
        return CLIENT.sendAsync(post(path, user, body, "application/json"), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.headers(), r.body()));
    }

    public static Answer patch(String path, String user, Object body) {
        return send(builder(path, user).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text(body))).build());
    }

    public static Answer put(String path, String user, Object body) {
        return send(builder(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))).build());
    }

    public static Answer delete(String path, String user) {
        return send(builder(path, user).DELETE().build());
    }

    /** A request built step by step, for bad input: any method, caller, content type and body. */
    public static Request request(String method, String path) {
        return new Request(method, path, null, null, null);
    }

    public record Request(String method, String path, String user, String contentType, String body) {

        /** As this dev-realm user, or with this literal bearer token (anything with a dot in it). */
        public Request as(String userOrToken) {
            return new Request(method, path, userOrToken, contentType, body);
        }

        public Request body(String type, String text) {
            return new Request(method, path, user, type, text);
        }

        public Answer send() {
            HttpRequest.Builder b = Http.builder(path, user).method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return Http.send(b.build());
        }
    }

    /** Any request with any headers, for the store API's bearer and customer tokens. */
    public static Answer send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(KEYWARD + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    /** The token endpoint, without client authentication (the implicit grant, refusals). */
    public static Answer tokenRequest(Map<String, String> form) {
        return send(formPost("/oauth/access_token", form).build());
    }

    /** The token endpoint, with HTTP Basic client authentication. */
    public static Answer tokenRequest(Map<String, String> form, String clientId, String secret) {
        return oauth("access_token", form, clientId, secret);
    }

    /** A form post to an OAuth endpoint with HTTP Basic client authentication. */
    public static Answer oauth(String endpoint, Map<String, String> form, String clientId, String secret) {
        return send(formPost("/oauth/" + endpoint, form).header("Authorization", basic(clientId, secret)).build());
    }

    /** A form post to an OAuth endpoint with no Authorization header: the client proves itself in the form, if at all. */
    public static Answer oauth(String endpoint, Map<String, String> form) {
        return send(formPost("/oauth/" + endpoint, form).build());
    }

    /** RFC 6749 §2.3.1: both halves form-encoded, then joined and base64-encoded. */
    public static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode json(byte[] utf8) {
        try {
            return JSON.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer clientCredentials(String clientId, String secret) {
        return tokenRequest(Map.of("grant_type", "client_credentials"), clientId, secret);
    }

    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static HttpRequest.Builder formPost(String path, Map<String, String> form) {
        return HttpRequest.newBuilder(URI.create(KEYWARD + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    private static HttpRequest post(String path, String user, Object body, String type) {
        return builder(path, user).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(text(body))).build();
    }

    private static HttpRequest.Builder builder(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(KEYWARD + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", "Bearer " + (user.contains(".") ? user : token(user)));
        }
        return b;
    }

    private static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
