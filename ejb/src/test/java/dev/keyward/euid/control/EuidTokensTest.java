package dev.keyward.euid.control;

import dev.keyward.domain.euid.EuidIdentity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EuidTokensTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    final EuidTokens tokens = new EuidTokens(new byte[32]);
    final EuidIdentity person = EuidIdentity.ofEmail("jane@example.com").orElseThrow();

    @Test
    void anAdvertisingTokenOpensOnlyInItsEnvironmentAndUnderItsRootKey() {
        byte[] id = new byte[32];
        id[5] = 9;
        String token = tokens.advertisingToken("integration", 7, EuidIdentity.Type.EMAIL, id, NOW);
        EuidTokens.Advertising opened = tokens.openAdvertising(token, "integration").orElseThrow();
        assertArrayEquals(id, opened.advertisingId());
        assertEquals(7, opened.siteId());
        assertEquals(NOW.plus(EuidTokens.IDENTITY_LIFETIME), opened.expires());
        assertTrue(tokens.openAdvertising(token, "production").isEmpty(), "integration and production apart");
        byte[] otherRoot = new byte[32];
        otherRoot[0] = 1;
        assertTrue(new EuidTokens(otherRoot).openAdvertising(token, "integration").isEmpty(), "forged");
        int middle = token.length() / 2;
        char other = token.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, middle) + other + token.substring(middle + 1);
        assertTrue(tokens.openAdvertising(tampered, "integration").isEmpty(), "tampered");
        assertTrue(tokens.openAdvertising("not a token", "integration").isEmpty());
    }

    @Test
    void aRefreshTokenCarriesTheIdentityAndItsResponseKeyAcrossDays() {
        byte[] responseKey = EuidTokens.newRefreshResponseKey();
        String refresh = tokens.refreshToken("production", 3, "EUID-C-P-3-abcde", person, responseKey, NOW);
        EuidTokens.Refresh opened = tokens.openRefresh(refresh).orElseThrow();
        assertEquals("EUID-C-P-3-abcde", opened.keyId(), "the key that issued it");
        assertEquals("production", opened.environment());
        assertEquals(person, new EuidIdentity(opened.type(), opened.identityHash()));
        assertArrayEquals(responseKey, opened.refreshResponseKey());
        assertEquals(NOW.plus(EuidTokens.REFRESH_LIFETIME), opened.refreshExpires());
        assertTrue(tokens.openAdvertising(refresh, "production").isEmpty(), "a refresh token is no advertising token");
        String later = tokens.refreshToken("production", 3, "EUID-C-P-3-abcde", person, responseKey, NOW.plus(Duration.ofDays(2)));
        assertTrue(tokens.openRefresh(later).isPresent(), "a later day's key");
        for (String odd : new String[] {"", "AA", "AAAA", "QUkA", "UkkAAAAA", "x".repeat(2_000), "%%%"}) {
            assertTrue(tokens.openRefresh(odd).isEmpty(), "'" + odd + "' is no refresh token, and no exception either");
        }
    }
}
