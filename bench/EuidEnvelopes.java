import dev.keyward.euid.control.EuidEnvelope;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Writes COUNT EUID request envelopes, one base64 line each, sealed with Keyward's own EuidEnvelope under a key's
 * client secret, each with its own nonce and stamped as it is made, so that the load generator sends each once within the
 * operator's 60-second window (Keyward refuses a replayed envelope). KIND is "generate" (a token generate for one
 * e-mail hash) or "map100" (an identity map of 100 e-mail hashes). Run with Keyward's ejb jar on the class path
 * (bench/run does):
 *
 *   java -cp keyward-ejb.jar:keyward-domain.jar bench/EuidEnvelopes.java CLIENT_SECRET KIND COUNT OUT_FILE
 */
public class EuidEnvelopes {

    public static void main(String[] args) throws Exception {
        byte[] secret = Base64.getDecoder().decode(args[0]);
        String kind = args[1];
        int count = Integer.parseInt(args[2]);
        SecureRandom random = new SecureRandom();
        SplittableRandom people = new SplittableRandom(); // the identities need not be secret, only distinct
        Base64.Encoder base64 = Base64.getEncoder();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                String json = switch (kind) {
                    case "generate" -> "{\"email_hash\":\"" + hash(people) + "\"}";
                    case "map100" -> {
                        StringBuilder b = new StringBuilder("{\"email_hash\":[");
                        for (int h = 0; h < 100; h++) {
                            b.append(h == 0 ? "\"" : ",\"").append(hash(people)).append('"');
                        }
                        yield b.append("]}").toString();
                    }
                    default -> throw new IllegalArgumentException("KIND is generate or map100, not " + kind);
                };
                byte[] nonce = new byte[8];
                random.nextBytes(nonce);
                out.write(base64.encodeToString(EuidEnvelope.request(secret, Instant.now(), nonce, json.getBytes(StandardCharsets.UTF_8))));
                out.newLine();
            }
        }
    }

    /** A person: the base64 SHA-256 of an e-mail address, as participants send it; random, so every one is new. */
    private static String hash(SplittableRandom people) {
        byte[] h = new byte[32];
        people.nextBytes(h);
        return Base64.getEncoder().encodeToString(h);
    }
}
