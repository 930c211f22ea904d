package dev.keyward.credential.control;

import dev.keyward.domain.euid.EuidEnvironment;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of Keyward's identifiers and secrets, chosen so that a leaked secret is easy to recognise:
 * <pre>
 *   client ID      kwc_ + 22 base62 characters (128 random bits)
 *   client secret  kws_ + 43 base62 characters (256 random bits) + 6 base62 characters of CRC-32
 *   EUID API key   kwe_ + i_ or p_ (integration, production) + 43 base62 characters (256 random bits) + 6 of CRC-32
 *   EUID key ID    EUID-C-I-site-5 base62 characters (the operator's shape, I or P for the environment)
 *   webhook secret kwh_ + 43 base62 characters (256 random bits) + 6 base62 characters of CRC-32
 * </pre>
 * The prefix lets a secret scanner find it; the checksum lets the scanner (and the token endpoint)
 * tell a real secret from a look-alike offline, without a database or a key. Same idea as GitHub's
 * token format.
 */
public final class SecretFormat {

    public static final String CLIENT_ID_PREFIX = "kwc_";
    public static final String SECRET_PREFIX = "kws_";
    static final int SECRET_BODY = 43;
    static final int CHECKSUM = 6;
    static final int SECRET_LENGTH = SECRET_PREFIX.length() + SECRET_BODY + CHECKSUM;
    /** For scanners: the whole secret, anchored on its prefix. */
    public static final String SECRET_PATTERN = "kws_[0-9A-Za-z]{49}";
    public static final String API_KEY_PREFIX = "kwe_";
    /** For scanners: an EUID API key, anchored on its prefix; {@code i} or {@code p} says its environment. */
    public static final String API_KEY_PATTERN = "kwe_[ip]_[0-9A-Za-z]{49}";
    static final int API_KEY_LENGTH = API_KEY_PREFIX.length() + 2 + SECRET_BODY + CHECKSUM;
    public static final String WEBHOOK_SECRET_PREFIX = "kwh_";

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private final SecureRandom random;

    public SecretFormat(SecureRandom random) {
        this.random = random;
    }

    public String newClientId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return CLIENT_ID_PREFIX + base62(bytes, 22);
    }

    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = base62(bytes, SECRET_BODY);
        return SECRET_PREFIX + body + checksum(body);
    }

    /** A webhook endpoint's signing secret: a client secret's shape under its own prefix. */
    public String newWebhookSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = base62(bytes, SECRET_BODY);
        return WEBHOOK_SECRET_PREFIX + body + checksum(body);
    }

    /** What a person may see again of a webhook secret: the prefix and the last four characters. */
    public static String webhookHint(String secret) {
        return WEBHOOK_SECRET_PREFIX + "…" + secret.substring(secret.length() - 4);
    }

    /** An EUID key's API key, its environment readable from it. */
    public String newApiKey(EuidEnvironment environment) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = base62(bytes, SECRET_BODY);
        return API_KEY_PREFIX + Character.toLowerCase(environment.letter()) + "_" + body + checksum(body);
    }

    /** An EUID key's public ID in the operator's shape: {@code EUID-C-I-<site>-<5 characters>}. */
    public String newEuidKeyId(int site, EuidEnvironment environment) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "EUID-C-" + environment.letter() + "-" + site + "-" + base62(new BigInteger(1, bytes).mod(BigInteger.valueOf(916_132_832L)), 5);
    }

    /** True when the text has a secret's prefix, length, alphabet and a matching checksum. */
    public static boolean isWellFormed(String secret) {
        return secret != null && secret.length() == SECRET_LENGTH && secret.startsWith(SECRET_PREFIX)
                && checks(secret, SECRET_PREFIX.length());
    }

    /** True when the text has an EUID API key's prefix, environment letter, length, alphabet and a matching checksum. */
    public static boolean isWellFormedApiKey(String apiKey) {
        return apiKey != null && apiKey.length() == API_KEY_LENGTH && apiKey.startsWith(API_KEY_PREFIX)
                && (apiKey.startsWith("i_", 4) || apiKey.startsWith("p_", 4)) && checks(apiKey, API_KEY_PREFIX.length() + 2);
    }

    private static boolean checks(String text, int bodyStart) {
        for (int i = bodyStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        String body = text.substring(bodyStart, bodyStart + SECRET_BODY);
        return checksum(body).equals(text.substring(bodyStart + SECRET_BODY));
    }

    /** What a person may see again of an API key: its prefix with the environment, and the last four characters. */
    public static String apiKeyHint(String apiKey) {
        return apiKey.substring(0, API_KEY_PREFIX.length() + 2) + "…" + apiKey.substring(apiKey.length() - 4);
    }

    /** What a person may see again: the prefix and the last four characters. */
    public static String hint(String secret) {
        return SECRET_PREFIX + "…" + secret.substring(secret.length() - 4);
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM);
    }

    private static String base62(byte[] bytes, int length) {
        return base62(new BigInteger(1, bytes), length);
    }

    private static String base62(BigInteger value, int length) {
        char[] out = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62[qr[1].intValue()];
            value = qr[0];
        }
        if (value.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + length + " base62 characters");
        }
        return new String(out);
    }
}
