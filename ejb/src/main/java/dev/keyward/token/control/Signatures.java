package dev.keyward.token.control;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.logging.Logger;

/**
 * ES256 signatures in JOSE's format (r and s, 32 bytes each), from the fastest provider that works here.
 *
 * <p>Why a native provider: with the JDK's own ECDSA a signature costs about half a millisecond, which caps
 * the token endpoint near 2 000 tokens a second on two cores whatever else is done. Amazon Corretto Crypto
 * Provider signs more than ten times faster. Where its native library cannot load (another CPU or OS), the
 * JDK's provider is used and everything still works, only slower.
 */
final class Signatures {

    static final String ES256 = "SHA256withECDSAinP1363Format";
    private static final Logger LOG = Logger.getLogger(Signatures.class.getName());
    private static final Provider PROVIDER = choose();

    private Signatures() {
    }

    /** A signer bound to the key; reusable for any number of signatures on one thread. */
    static Signature signer(PrivateKey key) throws GeneralSecurityException {
        Signature s = PROVIDER == null ? Signature.getInstance(ES256) : Signature.getInstance(ES256, PROVIDER);
        s.initSign(key);
        return s;
    }

    static Signature verifier(PublicKey key) throws GeneralSecurityException {
        Signature s = PROVIDER == null ? Signature.getInstance(ES256) : Signature.getInstance(ES256, PROVIDER);
        s.initVerify(key);
        return s;
    }

    static String providerName() {
        return PROVIDER == null ? "JDK" : PROVIDER.getName();
    }

    private static Provider choose() {
        try {
            Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            Signature.getInstance(ES256, accp);
            LOG.info("Token signatures by " + accp.getName() + " " + accp.getVersionStr());
            return accp;
        } catch (GeneralSecurityException | RuntimeException | LinkageError unavailable) {
            LOG.info("Token signatures by the JDK's provider (" + unavailable + ")");
            return null;
        }
    }
}
