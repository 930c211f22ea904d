package dev.keyward.it;

import dev.keyward.it.Http.Answer;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls to the store API with Keyward's own tokens. */
public final class Store {

    private Store() {
    }

    public static String accessToken(String clientId, String secret) {
        Answer a = Http.clientCredentials(clientId, secret);
        assertEquals(200, a.status(), a.toString());
        return a.json().get("access_token").asText();
    }

    public static String implicitToken(String clientId) {
        Answer a = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", clientId));
        assertEquals(200, a.status(), a.toString());
        return a.json().get("access_token").asText();
    }

    /** Requests to the store API with an access token. */
    public static Calls as(String bearer) {
        return new Calls(bearer, null);
    }

    /** The store API's requests under one access token and, where given, a customer's token. */
    public record Calls(String bearer, String customerToken) {

        /** The same requests on behalf of a customer ({@code X-Moltin-Customer-Token}). */
        public Calls forCustomer(String token) {
            return new Calls(bearer, token);
        }

        public Answer get(String path) {
            return send("GET", path, null);
        }

        public Answer post(String path, String body) {
            return send("POST", path, body);
        }

        public Answer put(String path, String body) {
            return send("PUT", path, body);
        }

        public Answer delete(String path) {
            return send("DELETE", path, null);
        }

        private Answer send(String method, String path, String body) {
            Map<String, String> headers = new HashMap<>();
            if (bearer != null) {
                headers.put("Authorization", "Bearer " + bearer);
            }
            if (customerToken != null) {
                headers.put("X-Moltin-Customer-Token", customerToken);
            }
            return Http.send(method, path, headers, body);
        }
    }

    public static Answer get(String path, String bearer) {
        return as(bearer).get(path);
    }

    public static Answer post(String path, String bearer, String body) {
        return as(bearer).post(path, body);
    }

    /** Creates a product and returns its id. */
    public static String product(String bearer, String sku, String status) {
        Answer a = post("/v2/products", bearer, "{\"data\":{\"type\":\"product\",\"name\":\"" + sku + " name\",\"sku\":\"" + sku
                + "\",\"status\":\"" + status + "\",\"commodity_type\":\"physical\"}}");
        assertEquals(201, a.status(), a.toString());
        return a.json().get("data").get("id").asText();
    }

    public static String customer(String bearer, String email, String password) {
        Answer a = post("/v2/customers", bearer, "{\"data\":{\"type\":\"customer\",\"name\":\"" + email + "\",\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}}");
        assertEquals(201, a.status(), a.toString());
        return a.json().get("data").get("id").asText();
    }

    public static Answer customerToken(String bearer, String email, String password) {
        return post("/v2/customers/tokens", bearer, "{\"data\":{\"type\":\"token\",\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"authentication_mechanism\":\"password\"}}");
    }
}
