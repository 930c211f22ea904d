package dev.keyward.credential.control;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretFormatTest {

    SecretFormat format = new SecretFormat(new SecureRandom());

    @Test
    void secretsCarryAPrefixAChecksumAndAScannerCanFindThem() {
        Pattern scanner = Pattern.compile(SecretFormat.SECRET_PATTERN);
        for (int i = 0; i < 2000; i++) {
            String secret = format.newSecret();
            assertTrue(secret.startsWith("kws_"), secret);
            assertEquals(53, secret.length());
            assertTrue(scanner.matcher(secret).matches(), secret);
            assertTrue(SecretFormat.isWellFormed(secret), secret);
        }
    }

    @Test
    void theRandomPartHoldsAtLeast256Bits() {
        // 43 base62 characters can hold 62^43 values: more than 2^256, so no random bit is lost.
        assertTrue(BigInteger.valueOf(62).pow(SecretFormat.SECRET_BODY).compareTo(BigInteger.TWO.pow(256)) > 0);
        SecretFormat allOnes = new SecretFormat(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0xff);
            }
        });
        assertTrue(SecretFormat.isWellFormed(allOnes.newSecret()), "the largest 256-bit value still fits");
    }

    @Test
    void anyChangedCharacterBreaksTheChecksum() {
        String secret = format.newSecret();
        for (int i = 4; i < secret.length(); i++) {
            char c = secret.charAt(i);
            String altered = secret.substring(0, i) + (c == 'a' ? 'b' : 'a') + secret.substring(i + 1);
            assertFalse(SecretFormat.isWellFormed(altered), "position " + i);
        }
        assertFalse(SecretFormat.isWellFormed(null));
        assertFalse(SecretFormat.isWellFormed("kws_short"));
        assertFalse(SecretFormat.isWellFormed("xyz_" + secret.substring(4)));
        assertFalse(SecretFormat.isWellFormed(secret.substring(0, 52) + "!"));
    }

    @Test
    void clientIdsAreUniqueAndRecognisable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = format.newClientId();
            assertTrue(id.matches("kwc_[0-9A-Za-z]{22}"), id);
            assertTrue(seen.add(id));
        }
    }

    @Test
    void theHintShowsOnlyThePrefixAndLastFourCharacters() {
        String secret = format.newSecret();
        String hint = SecretFormat.hint(secret);
        assertEquals("kws_…" + secret.substring(49), hint);
        assertFalse(hint.contains(secret.substring(4, 10)));
    }
}
