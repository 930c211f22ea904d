package dev.keyward.platform.control;

import dev.keyward.domain.credential.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Master keys by ID, one of them current: seals with the current one, opens with whichever sealed. A value: adding or
 * removing a key makes a new ring, so a request never sees half a change.
 *
 * <p>A sealed secret is {@code base64(IV(12) | AES-256-GCM(secret) | tag(16))}, with the master key's ID and what the
 * secret belongs to as associated data: a sealed secret copied onto another row, or relabelled with another key's ID,
 * does not open.
 */
public final class MasterKeyRing {


    private final Map<String, byte[]> keys;
    private final String currentId;

    public MasterKeyRing(Map<String, byte[]> keys, String currentId) {
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("the current master key " + currentId + " is not in the ring");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("master key " + id + " is not 32 bytes (AES-256)");
            }
            copy.put(id, key.clone());
        });
        this.keys = Map.copyOf(copy);
        this.currentId = currentId;
    }

    public String currentId() {
        return currentId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    public boolean has(String id) {
        return keys.containsKey(id);
    }

    /** Seals {@code secret} under the current master key, bound to {@code owner} (the row it belongs to). */
    public SealedSecret seal(byte[] secret, String owner) {
        return new SealedSecret(currentId, Base64.getEncoder().encodeToString(Gcm.seal(keys.get(currentId), secret, aad(currentId, owner))));
    }

    /** Opens a sealed secret of {@code owner}; refuses one sealed under a key this ring lacks, or for another owner. */
    public byte[] open(SealedSecret sealed, String owner) {
        byte[] key = keys.get(sealed.masterKeyId());
        if (key == null) {
            throw new IllegalStateException("Master key " + sealed.masterKeyId() + " is not in this server's ring: is its key folder the one the others use?");
        }
        byte[] secret;
        try {
            secret = Gcm.open(key, Base64.getDecoder().decode(sealed.sealed()), 0, aad(sealed.masterKeyId(), owner));
        } catch (IllegalArgumentException notBase64) {
            secret = null;
        }
        if (secret == null) {
            throw new IllegalStateException("A secret sealed under master key " + sealed.masterKeyId() + " does not open for " + owner);
        }
        return secret;
    }

    /** The same secret sealed under the current key; itself when it already is. */
    public SealedSecret rewrap(SealedSecret sealed, String owner) {
        if (sealed.masterKeyId().equals(currentId)) {
            return sealed;
        }
        byte[] secret = open(sealed, owner);
        try {
            return seal(secret, owner);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /** A ring with {@code id} added and current. */
    public MasterKeyRing withCurrent(String id, byte[] key) {
        Map<String, byte[]> next = raw();
        next.put(id, key);
        return new MasterKeyRing(next, id);
    }

    /** A ring without {@code id}, which must not be the current one. */
    public MasterKeyRing without(String id) {
        if (id.equals(currentId)) {
            throw new IllegalArgumentException("the current master key cannot be removed");
        }
        Map<String, byte[]> next = raw();
        next.remove(id);
        return new MasterKeyRing(next, currentId);
    }

    private Map<String, byte[]> raw() {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.putAll(keys);
        return raw;
    }

    private static byte[] aad(String keyId, String owner) {
        return (keyId + "\n" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
