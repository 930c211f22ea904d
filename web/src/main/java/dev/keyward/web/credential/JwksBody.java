package dev.keyward.web.credential;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JWK set of public keys (RFC 7517), as a credential without a secret registers it: {@code {"keys": [...]}}. Each key has
 * only the public members Keyward reads; a private member ({@code d}, {@code p}, …) or any other is a 400 naming it.
 */
public record JwksBody(List<Key> keys) {

    /** One public key: EC (crv, x, y), RSA (n, e) or OKP (crv, x), with an optional kid, alg and use. */
    public record Key(String kty, String crv, String x, String y, String n, String e, String kid, String alg, String use) {

        Map<String, String> members() {
            Map<String, String> m = new LinkedHashMap<>();
            put(m, "kty", kty);
            put(m, "crv", crv);
            put(m, "x", x);
            put(m, "y", y);
            put(m, "n", n);
            put(m, "e", e);
            put(m, "kid", kid);
            put(m, "alg", alg);
            put(m, "use", use);
            return m;
        }

        private static void put(Map<String, String> m, String name, String value) {
            if (value != null) {
                m.put(name, value);
            }
        }
    }

    /** Each key's members, for the boundary; null when the body gave no set. */
    static List<Map<String, String>> members(JwksBody jwks) {
        return jwks == null ? null : jwks.keys() == null ? List.of() : jwks.keys().stream().map(Key::members).toList();
    }
}
