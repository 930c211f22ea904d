package dev.keyward.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's own keys, generated on first start into a folder outside the database:
 * <ul>
 * <li>the secret-hashing key: client secrets are stored as HMAC-SHA-256 under it, so a copy of the
 * database alone cannot be used to test guesses;</li>
 * <li>the token-signing key: an EC P-256 key whose public half is published as a JWK.</li>
 * </ul>
 * Files are written owner-only. A key given in configuration wins over the file.
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

    private byte[] hmacKey;
    private KeyPair signingKey;
    private String signingKeyId;

    @PostConstruct
    void load() {
        try {
            Path dir = Files.createDirectories(Path.of(keysDir));
            hmacKey = configuredHmacKey.filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.trim()))
                    .orElseGet(() -> readOrCreate(dir.resolve("secret-hmac.key"), ServerKeys::newHmacKey));
            if (hmacKey.length < 32) {
                throw new IllegalStateException("keyward.secrets.hmac-key must hold at least 32 bytes");
            }
            signingKey = readOrCreateSigningKey(dir.resolve("token-signing-es256.p8"), dir.resolve("token-signing-es256.pub"));
            signingKeyId = keyId((ECPublicKey) signingKey.getPublic());
            LOG.info(() -> "Server keys ready in " + dir + "; token signing key " + signingKeyId);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the server keys in " + keysDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the token signing key", e);
        }
    }

    /** Keys kept in {@code dir}, made there if missing: for tools and tests that run outside the server. */
    public static ServerKeys inFolder(Path dir) {
        ServerKeys keys = new ServerKeys();
        keys.keysDir = dir.toString();
        keys.configuredHmacKey = Optional.empty();
        keys.load();
        return keys;
    }

    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    public ECPrivateKey signingPrivateKey() {
        return (ECPrivateKey) signingKey.getPrivate();
    }

    public ECPublicKey signingPublicKey() {
        return (ECPublicKey) signingKey.getPublic();
    }

    public String signingKeyId() {
        return signingKeyId;
    }

    private static byte[] readOrCreate(Path file, java.util.function.Supplier<byte[]> generator) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            byte[] key = generator.get();
            Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: rely on the folder's protection
            }
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] newHmacKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static KeyPair readOrCreateSigningKey(Path privateFile, Path publicFile) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            readOrCreate(publicFile, () -> pair.getPublic().getEncoded());
            readOrCreate(privateFile, () -> pair.getPrivate().getEncoded());
        }
        try {
            return new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keyId(ECPublicKey key) throws GeneralSecurityException {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
