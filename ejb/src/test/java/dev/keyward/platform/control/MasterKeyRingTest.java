package dev.keyward.platform.control;

import dev.keyward.domain.credential.SealedSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyRingTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aSealedSecretOpensOnlyForItsRowAndUnderItsKeysId() {
        MasterKeyRing ring = new MasterKeyRing(Map.of("mk-a", key(1)), "mk-a");
        SealedSecret sealed = ring.seal(secret(7), "row-1");
        assertArrayEquals(secret(7), ring.open(sealed, "row-1"));
        assertThrows(IllegalStateException.class, () -> ring.open(sealed, "row-2"), "copied onto another row");
        MasterKeyRing two = ring.withCurrent("mk-b", key(2));
        assertThrows(IllegalStateException.class, () -> two.open(new SealedSecret("mk-b", sealed.sealed()), "row-1"), "relabelled");
        assertTrue(!sealed.toString().contains(sealed.sealed()), "no ciphertext in a log line");
    }

    @Test
    void aRotationReWrapsEverySecretAndACrashHalfWayLosesNothing(@TempDir Path dir) {
        MasterKeys keys = MasterKeys.inFolder(dir, CLOCK);
        String first = keys.ring().currentId();
        List<SealedSecret> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(keys.seal(secret(i), "row-" + i));
        }
        String second = keys.create();
        assertNotEquals(first, second);
        assertEquals(second, keys.ring().currentId());

        // the re-wrap moves half of the rows, then the server dies
        for (int i = 0; i < 5; i++) {
            rows.set(i, keys.ring().rewrap(rows.get(i), "row-" + i));
        }
        MasterKeys restarted = MasterKeys.inFolder(dir, CLOCK);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(secret(i), restarted.open(rows.get(i), "row-" + i), "row " + i + " opens, whichever key seals it");
            assertEquals(i < 5 ? second : first, rows.get(i).masterKeyId());
        }

        // the next run finishes, and the old key can go
        for (int i = 0; i < 10; i++) {
            rows.set(i, restarted.ring().rewrap(rows.get(i), "row-" + i));
        }
        assertThrows(IllegalArgumentException.class, () -> restarted.remove(second), "not the current one");
        restarted.remove(first);
        assertTrue(Files.notExists(dir.resolve("master-keys").resolve(first + ".key")));
        MasterKeys afterRemoval = MasterKeys.inFolder(dir, CLOCK);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(secret(i), afterRemoval.open(rows.get(i), "row-" + i));
        }
    }

    private static byte[] key(int b) {
        byte[] k = new byte[32];
        k[0] = (byte) b;
        return k;
    }

    private static byte[] secret(int b) {
        byte[] s = new byte[32];
        s[31] = (byte) b;
        return s;
    }
}
