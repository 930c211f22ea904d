package dev.keyward.domain.euid;

import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * EUID's two environments, each with its own keys, salts and tokens, never shared with the other; the letter is how a
 * key's ID, its API key and a token say which one they belong to.
 */
public enum EuidEnvironment {
    INTEGRATION('I'),
    PRODUCTION('P');

    private final char letter;

    EuidEnvironment(char letter) {
        this.letter = letter;
    }

    /** {@code I} or {@code P}. */
    public char letter() {
        return letter;
    }

    /** The environment's name, as a tenant's environments list it. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every environment's name: what an EUID participant's environments are chosen from. */
    public static List<String> slugs() {
        return Arrays.stream(values()).map(EuidEnvironment::slug).toList();
    }

    /** The environment a tenant's environment name is; an EUID key lives in one of these two only. */
    public static EuidEnvironment of(String slug) {
        return Arrays.stream(values()).filter(e -> e.slug().equals(slug)).findFirst().orElseThrow(() -> DomainException.invalid(
                "invalid-environment", "An EUID key's environment is one of " + slugs() + ", not '" + slug + "'."));
    }

    /** The environment a letter names, if it names one. */
    public static Optional<EuidEnvironment> ofLetter(int letter) {
        return Arrays.stream(values()).filter(e -> e.letter == letter).findFirst();
    }
}
