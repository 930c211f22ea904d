package dev.keyward.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's own keys, generated on first start into a folder outside the database:
 * <ul>
 * <li>the secret-hashing key: client secrets are stored as HMAC-SHA-256 under it, so a copy of the
 * database alone cannot be used to test guesses;</li>
 * <li>the sealing key: the private halves of the token-signing keys are stored in the database sealed
 * (AES-256-GCM) under it, so a copy of the database alone cannot mint tokens;</li>
 * <li>the EUID root key: EUID's salts and token keys are derived from it, so they are never stored anywhere.</li>
 * </ul>
 * (The master keys that seal recoverable secrets have their own folder and rotation: {@link MasterKeys}.)
 * Files are written owner-only. A key given in configuration wins over the file. Servers that share a
 * database share these keys (the same folder contents, or the same configuration).
 */
@ApplicationScoped
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class.getName());

    @Inject
    @ConfigProperty(name = "keyward.keys.dir")
    String keysDir;

    @Inject
    @ConfigProperty(name = "keyward.secrets.hmac-key")
    Optional<String> configuredHmacKey;

    @Inject
    @ConfigProperty(name = "keyward.keys.sealing-key")
    Optional<String> configuredSealingKey;

    @Inject
    @ConfigProperty(name = "keyward.euid.root-key")
    Optional<String> configuredEuidRootKey;

    private byte[] hmacKey;
    private byte[] euidRootKey;
    private SecretKey sealingKey;

    @PostConstruct
    void load() {
        try {
            Path dir = Files.createDirectories(Path.of(keysDir));
            hmacKey = configured(configuredHmacKey, "keyward.secrets.hmac-key")
                    .orElseGet(() -> readOrCreate(dir.resolve("secret-hmac.key")));
            byte[] sealing = configured(configuredSealingKey, "keyward.keys.sealing-key")
                    .orElseGet(() -> readOrCreate(dir.resolve("signing-seal.key")));
            if (sealing.length != 32) {
                throw new IllegalStateException("keyward.keys.sealing-key must be exactly 32 bytes (AES-256)");
            }
            sealingKey = new SecretKeySpec(sealing, "AES");
            euidRootKey = configured(configuredEuidRootKey, "keyward.euid.root-key")
                    .orElseGet(() -> readOrCreate(dir.resolve("euid-root.key")));
            LOG.info(() -> "Server keys ready in " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the server keys in " + keysDir, e);
        }
    }

    /** Keys kept in {@code dir}, made there if missing: for tools and tests that run outside the server. */
    public static ServerKeys inFolder(Path dir) {
        ServerKeys keys = new ServerKeys();
        keys.keysDir = dir.toString();
        keys.configuredHmacKey = Optional.empty();
        keys.configuredSealingKey = Optional.empty();
        keys.configuredEuidRootKey = Optional.empty();
        keys.load();
        return keys;
    }

    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    /** The key EUID's salts and token keys are derived from. */
    public byte[] euidRootKey() {
        return euidRootKey.clone();
    }

    /** The AES-256 key that seals the token-signing keys' private halves. */
    public SecretKey sealingKey() {
        return sealingKey;
    }

    private static Optional<byte[]> configured(Optional<String> value, String name) {
        Optional<byte[]> key = value.filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.trim()));
        if (key.isPresent() && key.get().length < 32) {
            throw new IllegalStateException(name + " must hold at least 32 bytes");
        }
        return key;
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: rely on the folder's protection
            }
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
