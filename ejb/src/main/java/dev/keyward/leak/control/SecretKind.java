package dev.keyward.leak.control;

import dev.keyward.credential.control.SecretFormat;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of Keyward secret a scanner may find, each with the name scanners report it under and the pattern they
 * match it with. Recognising one costs no lookup: a secret's checksum, or an access token's shape (its signature is
 * checked next, still without the database), rejects look-alikes first.
 */
public enum SecretKind {

    CLIENT_SECRET("keyward_client_secret", "Keyward client secret", SecretFormat.SECRET_PATTERN),
    EUID_API_KEY("keyward_euid_api_key", "Keyward EUID API key", SecretFormat.API_KEY_PATTERN),
    ACCESS_TOKEN("keyward_access_token", "Keyward access token",
            "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{40,}");

    /** GitLab names a type by its scanner's rule: the rule type, then the rule's value. */
    private static final String GITLAB_RULE = "gitleaks_rule_id_";

    private final String type;
    private final String title;
    private final Pattern pattern;

    SecretKind(String type, String title, String regex) {
        this.type = type;
        this.title = title;
        this.pattern = Pattern.compile(regex);
    }

    /** The kind {@code text} is, if it is one: the whole text matches its pattern and, for secrets, the checksum is right. */
    public static Optional<SecretKind> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (SecretFormat.isWellFormed(text)) {
            return Optional.of(CLIENT_SECRET);
        }
        if (SecretFormat.isWellFormedApiKey(text)) {
            return Optional.of(EUID_API_KEY);
        }
        return ACCESS_TOKEN.pattern.matcher(text).matches() ? Optional.of(ACCESS_TOKEN) : Optional.empty();
    }

    /** The kind a scanner named by {@link #type()}, or by GitLab's rule name. */
    public static Optional<SecretKind> byType(String type) {
        return Arrays.stream(values()).filter(k -> k.type.equals(type) || k.gitlabType().equals(type)).findFirst();
    }

    public String type() { return type; }
    public String title() { return title; }
    public String regex() { return pattern.pattern(); }
    public String gitlabType() { return GITLAB_RULE + type; }
}
