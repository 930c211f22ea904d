package dev.keyward.leak.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GitHub's secret-scanning signing keys, as GitHub publishes them ({@code {"public_keys":[{"key_identifier", "key",
 * "is_current"}]}}, each key a PEM ECDSA P-256 public key), fetched from {@code keyward.leaks.github.keys-url} and kept.
 * A report names its key; an unknown name fetches the list again, at most once every ten seconds, so that a stranger
 * sending made-up names cannot make Keyward hammer GitHub.
 */
@ApplicationScoped
public class GithubKeys {

    private static final Logger LOG = Logger.getLogger(GithubKeys.class.getName());
    private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofSeconds(10);

    @Inject
    @ConfigProperty(name = "keyward.leaks.github.keys-url", defaultValue = "https://api.github.com/meta/public_keys/secret_scanning")
    String keysUrl;

    @Inject
    Clock clock;

    private final Map<String, PublicKey> byIdentifier = new ConcurrentHashMap<>();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private HttpClient http;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** True when {@code signature} (base64 of a DER ECDSA signature) is the named key's SHA-256 signature of {@code body}. */
    public boolean verify(String keyIdentifier, String signature, byte[] body) {
        if (keyIdentifier == null || signature == null || keyIdentifier.length() > 200) {
            return false;
        }
        PublicKey key = byIdentifier.get(keyIdentifier);
        if (key == null) {
            refetch();
            key = byIdentifier.get(keyIdentifier);
        }
        if (key == null) {
            return false;
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(body);
            return ecdsa.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return false; // not base64, not DER, not a signature of this key: all the same to the sender
        }
    }

    private synchronized void refetch() {
        Instant now = clock.instant();
        if (now.isBefore(fetchedAt.plus(REFETCH_AT_MOST_EVERY))) {
            return;
        }
        fetchedAt = now;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keysUrl)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warning(() -> "GitHub's secret-scanning keys: " + keysUrl + " answered " + answer.statusCode());
                return;
            }
            JsonObject list;
            try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
                list = reader.readObject();
            }
            for (JsonValue entry : list.getJsonArray("public_keys")) {
                JsonObject k = entry.asJsonObject();
                byIdentifier.put(k.getString("key_identifier"), publicKey(k.getString("key")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unreadable) {
            LOG.warning(() -> "GitHub's secret-scanning keys could not be read from " + keysUrl + ": " + unreadable);
        }
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
