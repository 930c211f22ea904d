package dev.keyward.domain.webhook;

import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an endpoint receives. {@code json}: Keyward's own event object, signed with the endpoint's secret
 * ({@code Keyward-Signature}). {@code set}: a Security Event Token (RFC 8417), a JWT signed with Keyward's token-signing key
 * and verifiable by its JWKS, pushed as RFC 8935 says, its event in the OpenID CAEP shapes ({@code credential-change},
 * {@code session-revoked}): for resource servers that should stop trusting a credential or a token the moment it dies.
 */
public enum WebhookFormat {
    JSON, SET;

    /** The event types a JSON endpoint may ask for. */
    static final List<String> JSON_EVENT_TYPES = List.of("credential.created", "credential.rotated", "credential.expiring",
            "credential.expired", "credential.disabled", "credential.enabled", "credential.revoked", "credential.suspended",
            "credential.leaked", "token.revoked");
    /** What a JSON endpoint gets when it names no event types: the credential events (a token's revocation only when asked). */
    static final List<String> JSON_DEFAULT_EVENT_TYPES = JSON_EVENT_TYPES.stream().filter(t -> t.startsWith("credential.")).toList();
    /** The event types a SET receiver may ask for: every change to whether a credential or a token may be used. */
    static final List<String> SET_EVENT_TYPES = List.of("credential.created", "credential.rotated", "credential.expired",
            "credential.disabled", "credential.enabled", "credential.revoked", "credential.suspended", "credential.leaked",
            "token.revoked");

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code json} (or absent) or {@code set}. */
    public static WebhookFormat fromSlug(String slug) {
        if (slug == null) {
            return JSON;
        }
        return Arrays.stream(values()).filter(f -> f.slug().equals(slug)).findFirst().orElseThrow(() -> DomainException.invalid(
                "unknown-webhook-format", "A webhook's format is 'json' (Keyward's signed event object) or 'set' (Security Event Tokens)."));
    }

    /** The event types an endpoint of this format gets when it names none. */
    List<String> defaultEventTypes() {
        return this == SET ? SET_EVENT_TYPES : JSON_DEFAULT_EVENT_TYPES;
    }

    /** The event types an endpoint of this format may ask for. */
    List<String> eventTypes() {
        return this == SET ? SET_EVENT_TYPES : JSON_EVENT_TYPES;
    }
}
