package dev.keyward.web.token;

import dev.keyward.domain.token.SigningKey;
import java.time.Instant;

/** A signing key as operators see it: its public facts and where it stands in rotation, never its private half. */
public record SigningKeyView(String kid, String algorithm, String stage, Instant createdAt, Instant activatesAt,
                             Instant supersededAt, Instant retiresAt) {

    public static SigningKeyView of(SigningKey k, Instant now) {
        return new SigningKeyView(k.kid(), k.algorithm(), k.stageAt(now).slug(), k.createdAt(), k.activatesAt(),
                k.supersededAt(), k.retiresAt());
    }
}
