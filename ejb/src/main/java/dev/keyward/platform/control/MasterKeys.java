package dev.keyward.platform.control;

import dev.keyward.domain.credential.SealedSecret;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The master keys that seal the secrets Keyward must be able to read again (EUID keys' client secrets), kept outside
 * the database in the keys folder's {@code master-keys/}: one file a key ({@code <id>.key}, 32 bytes, owner-only) and
 * {@code current}, the ID new secrets are sealed under. The first start makes the first key. Servers that share a
 * database share this folder, as they share the other server keys; a server that meets a key ID it does not know reads
 * the folder again before it gives up.
 *
 * <p>Rotation: {@link #create} adds a key and makes it current; the background re-wrap moves every sealed secret onto
 * it; {@link #remove} deletes an old key once nothing is sealed under it any more.
 */
@ApplicationScoped
public class MasterKeys {

    private static final Logger LOG = Logger.getLogger(MasterKeys.class.getName());
    private static final String CURRENT = "current";
    private static final String SUFFIX = ".key";

    @Inject
    @ConfigProperty(name = "keyward.keys.dir")
    String keysDir;

    @Inject
    Clock clock;

    private volatile MasterKeyRing ring;

    @PostConstruct
    void load() {
        try {
            Path dir = Files.createDirectories(folder());
            if (!Files.exists(dir.resolve(CURRENT))) {
                create();
                return;
            }
            ring = read(dir);
            LOG.info(() -> "Master keys ready: " + ring.ids().size() + ", sealing under " + ring.currentId());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master keys in " + folder(), e);
        }
    }

    /** Master keys kept in {@code dir}'s {@code master-keys/}, made there if missing: for tools and tests outside the server. */
    public static MasterKeys inFolder(Path dir, Clock clock) {
        MasterKeys keys = new MasterKeys();
        keys.keysDir = dir.toString();
        keys.clock = clock;
        keys.load();
        return keys;
    }

    public MasterKeyRing ring() {
        return ring;
    }

    public SealedSecret seal(byte[] secret, String owner) {
        return ring.seal(secret, owner);
    }

    /** Opens a sealed secret; a key ID this server has not seen yet sends it to the folder once more. */
    public byte[] open(SealedSecret sealed, String owner) {
        MasterKeyRing current = ring;
        if (!current.has(sealed.masterKeyId())) {
            current = reload();
        }
        return current.open(sealed, owner);
    }

    /** Adds a new master key and makes it current; returns its ID. */
    public synchronized String create() {
        try {
            Path dir = Files.createDirectories(folder());
            String id = "mk-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
                    + "-" + HexFormat.of().formatHex(random(3));
            byte[] key = random(32);
            write(dir.resolve(id + SUFFIX), key);
            write(dir.resolve(CURRENT), id.getBytes(StandardCharsets.US_ASCII));
            ring = ring == null ? new MasterKeyRing(Map.of(id, key), id) : read(dir);
            LOG.info(() -> "Master key " + id + " created; new secrets are sealed under it");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a master key in " + folder(), e);
        }
    }

    /** When the current master key became current: when {@code current} was last written, by any server. */
    public Instant currentSince() {
        try {
            return Files.getLastModifiedTime(folder().resolve(CURRENT)).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master keys in " + folder(), e);
        }
    }

    /** Deletes a master key that is not current; the caller has made sure nothing is sealed under it. */
    public synchronized void remove(String id) {
        MasterKeyRing next = reload().without(id);
        try {
            Files.deleteIfExists(folder().resolve(id + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete master key " + id, e);
        }
        ring = next;
        LOG.info(() -> "Master key " + id + " removed");
    }

    /** The folder as it is now: another server may have rotated. */
    public synchronized MasterKeyRing reload() {
        try {
            ring = read(folder());
            return ring;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master keys in " + folder(), e);
        }
    }

    private Path folder() {
        return Path.of(keysDir, "master-keys");
    }

    private static MasterKeyRing read(Path dir) throws IOException {
        String current = Files.readString(dir.resolve(CURRENT), StandardCharsets.US_ASCII).strip();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> keyFiles = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            for (Path f : keyFiles) {
                String name = f.getFileName().toString();
                keys.put(name.substring(0, name.length() - SUFFIX.length()), Files.readAllBytes(f));
            }
        }
        return new MasterKeyRing(keys, current);
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: rely on the folder's protection
        }
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
