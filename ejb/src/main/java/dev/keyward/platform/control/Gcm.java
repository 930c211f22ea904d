package dev.keyward.platform.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM as Keyward seals everything (signing keys' private halves, EUID client secrets under a master key, EUID
 * envelopes and tokens): {@code IV(12) | ciphertext | tag(16)}, a fresh random IV each time, associated data where
 * something must stay bound to what it was sealed for. The cipher's details live here once.
 */
public final class Gcm {

    public static final int IV = 12;
    public static final int TAG = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Gcm() {
    }

    /** {@code IV | ciphertext | tag} of {@code plain} under {@code key}, with {@code aad} (none when null) bound to it. */
    public static byte[] seal(byte[] key, byte[] plain, byte[] aad) {
        try {
            byte[] iv = new byte[IV];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, iv));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal with AES-GCM", e);
        }
    }

    /**
     * The plaintext of {@code IV | ciphertext | tag} starting at {@code offset} in {@code sealed}, or null when it is too
     * short, was sealed under another key or with other associated data, or was changed.
     */
    public static byte[] open(byte[] key, byte[] sealed, int offset, byte[] aad) {
        if (sealed.length - offset < IV + TAG) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, sealed, offset, IV));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(sealed, offset + IV, sealed.length - offset - IV);
        } catch (AEADBadTagException notOpened) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open with AES-GCM", e);
        }
    }
}
