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
        Answer a = Http.tokenRequest(Map.of("grant_type", "implicit", "client_id", clientId), null, null);
        assertEquals(200, a.status(), a.toString());
        return a.json().get("access_token").asText();
    }

    public static Answer call(String method, String path, String bearer, String customerToken, String body) {
        Map<String, String> headers = new HashMap<>();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        if (customerToken != null) {
            headers.put("X-Moltin-Customer-Token", customerToken);
        }
        return Http.send(method, path, headers, body);
    }

    public static Answer get(String path, String bearer) {
        return call("GET", path, bearer, null, null);
    }

    public static Answer post(String path, String bearer, String body) {
        return call("POST", path, bearer, null, body);
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
