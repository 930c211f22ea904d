package dev.keyward.credential.control;

import dev.keyward.domain.credential.StoredSecret;
import dev.keyward.domain.euid.EuidEnvironment;
import dev.keyward.platform.control.ServerKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates secrets and hashes them with HMAC-SHA-256 under the server's key.
 *
 * <p>Why a keyed fast hash and not bcrypt or PBKDF2: a secret carries 256 random bits, so there is
 * nothing to guess and no need to slow guessing down, while a slow hash would cap the token endpoint at
 * a few dozen requests a second. The key, kept outside the database, means a stolen database alone
 * cannot even confirm a secret.
 */
@ApplicationScoped
public class SecretHasher {

    @Inject
    ServerKeys keys;

    private SecretFormat format;
    private SecureRandom random;
    private SecretKeySpec key;
    private ThreadLocal<Mac> macs;

    /**
     * A hasher under these keys, outside the server: for tools that write credentials straight into a database,
     * which the server then accepts only if they are generated and hashed exactly as here.
     */
    public static SecretHasher under(ServerKeys keys) {
        SecretHasher hasher = new SecretHasher();
        hasher.keys = keys;
        hasher.init();
        return hasher;
    }

    @PostConstruct
    void init() {
        random = new SecureRandom();
        format = new SecretFormat(random);
        key = new SecretKeySpec(keys.hmacKey(), "HmacSHA256");
        macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh client secret and what may be stored of it. The caller shows the secret once and drops it. */
    public NewSecret generate() {
        String secret = format.newSecret();
        return new NewSecret(secret, new StoredSecret(HexFormat.of().formatHex(hash(secret)), SecretFormat.hint(secret)));
    }

    /** A fresh EUID API key and what may be stored of it: its keyed hash, by which requests find their key. */
    public NewSecret generateApiKey(EuidEnvironment environment) {
        String apiKey = format.newApiKey(environment);
        return new NewSecret(apiKey, new StoredSecret(HexFormat.of().formatHex(hash(apiKey)), SecretFormat.apiKeyHint(apiKey)));
    }

    public String newEuidKeyId(int site, EuidEnvironment environment) {
        return format.newEuidKeyId(site, environment);
    }

    /** 32 random bytes: an EUID key's client secret, the AES-256 key of its envelopes. */
    public byte[] newClientSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    /** A fresh webhook signing secret (shown once, then kept only sealed). */
    public String newWebhookSecret() {
        return format.newWebhookSecret();
    }

    public String newClientId() {
        return format.newClientId();
    }

    public byte[] hash(String secret) {
        return macs.get().doFinal(secret.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A secret in clear, on its way to the one response that shows it, and its stored form. */
    public record NewSecret(String secret, StoredSecret stored) {
        @Override
        public String toString() {
            return "NewSecret[" + stored.hint() + "]";   // never the secret itself
        }
    }
}
