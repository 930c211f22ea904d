package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every client secret and token the tests were given, written down as they go ({@code target/it-secrets.txt}), so
 * that {@link LogSearch} can look for each of them in the server's log once the suite is over.
 */
public final class SeenSecrets {

    /** A Keyward client secret or EUID API key, or a JWT (Keyward's access and customer tokens, Keycloak's tokens). */
    static final Pattern SECRET = Pattern.compile("kws_[A-Za-z0-9_-]{20,}|kwe_[ip]_[A-Za-z0-9]{20,}"
            + "|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}");
    static final Path FILE = Path.of("target", "it-secrets.txt");

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private SeenSecrets() {
    }

    /** Notes down the secrets and tokens in an answer's body. */
    public static void in(String body) {
        if (body == null || body.isEmpty()) {
            return;
        }
        Matcher m = SECRET.matcher(body);
        StringBuilder fresh = new StringBuilder();
        while (m.find()) {
            if (SEEN.add(m.group())) {
                fresh.append(m.group()).append('\n');
            }
        }
        if (!fresh.isEmpty()) {
            write(fresh.toString());
        }
    }

    /** Notes down a secret no pattern finds: an EUID key's client secret, EUID tokens. */
    public static void note(String secret) {
        if (secret != null && secret.length() >= 20 && SEEN.add(secret)) {
            write(secret + "\n");
        }
    }

    private static synchronized void write(String lines) {
        try {
            Files.writeString(FILE, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
