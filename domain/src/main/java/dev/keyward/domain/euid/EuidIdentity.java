package dev.keyward.domain.euid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * A person as EUID knows them: the SHA-256 of their normalised e-mail address or phone number, never the address or
 * number itself. The normalisation is EUID's own (the operator's and the participants' SDKs'): an e-mail is lower-cased
 * (ASCII letters only), blanks are dropped before the {@code @} and trimmed after it, and at {@code gmail.com} the dots
 * and a {@code +} extension of the local part go; a phone number must already be E.164 ({@code +} and 10 to 15 digits).
 * A hash arrives as standard base64 of 32 bytes.
 *
 * @param type the kind of identifier the hash is of
 * @param hash the SHA-256 of the normalised identifier: 32 bytes
 */
public record EuidIdentity(Type type, byte[] hash) {

    public enum Type { EMAIL, PHONE }

    private static final String GMAIL = "gmail.com";
    private static final int HASH_BYTES = 32;

    public EuidIdentity {
        if (type == null || hash == null || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("an identity is the 32-byte SHA-256 of an e-mail or a phone number");
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The identity of an e-mail address, when EUID can normalise it. */
    public static Optional<EuidIdentity> ofEmail(String email) {
        return normaliseEmail(email).map(e -> new EuidIdentity(Type.EMAIL, sha256(e)));
    }

    /** The identity of a phone number, when it is E.164 already: EUID does not guess a country. */
    public static Optional<EuidIdentity> ofPhone(String phone) {
        return isNormalisedPhone(phone) ? Optional.of(new EuidIdentity(Type.PHONE, sha256(phone))) : Optional.empty();
    }

    /** The identity a participant hashed itself: standard base64 of 32 bytes. */
    public static Optional<EuidIdentity> ofHash(Type type, String base64) {
        if (base64 == null || base64.length() != 44) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EuidIdentity(type, Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The hash as participants write it: standard base64, padded. */
    public String hashBase64() {
        return Base64.getEncoder().encodeToString(hash);
    }

    /**
     * An e-mail address as EUID writes it before hashing, or empty when it is not one: no {@code @}, a second {@code @},
     * or nothing on either side of it.
     */
    public static Optional<String> normaliseEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        StringBuilder local = new StringBuilder();
        StringBuilder gmailLocal = new StringBuilder();
        StringBuilder domain = new StringBuilder();
        StringBuilder blanks = new StringBuilder();
        boolean inDomain = false;
        boolean inExtension = false;
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (!inDomain) {
                if (c == ' ') {
                    continue;
                }
                if (c == '@') {
                    inDomain = true;
                    continue;
                }
                local.append(c);
                if (c == '+') {
                    inExtension = true;
                } else if (c != '.' && !inExtension) {
                    gmailLocal.append(c);
                }
            } else if (c == '@') {
                return Optional.empty();
            } else if (c == ' ') {
                blanks.append(c); // kept only if something follows: trailing blanks are trimmed
            } else {
                domain.append(blanks).append(c);
                blanks.setLength(0);
            }
        }
        if (domain.length() == 0) {
            return Optional.empty();
        }
        StringBuilder chosen = GMAIL.contentEquals(domain) ? gmailLocal : local;
        return chosen.length() == 0 ? Optional.empty() : Optional.of(chosen + "@" + domain);
    }

    /** Whether a phone number is written as EUID takes it: {@code +} and 10 to 15 ASCII digits, nothing else. */
    public static boolean isNormalisedPhone(String phone) {
        if (phone == null || phone.length() < 11 || phone.length() > 16 || phone.charAt(0) != '+') {
            return false;
        }
        for (int i = 1; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EuidIdentity other && other.type == type && MessageDigest.isEqual(other.hash, hash);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + java.util.Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "EuidIdentity[" + type + "]"; // never the hash: it is personal data
    }
}
