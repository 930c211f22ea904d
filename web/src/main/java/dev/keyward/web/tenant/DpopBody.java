package dev.keyward.web.tenant;

import dev.keyward.domain.tenant.DpopRule;

/**
 * What a tenant asks of DPoP, on the wire: {@code {"required": true, "nonce": false}}. {@code required}: every access token
 * must be bound to its client's key; {@code nonce}: every proof must carry the server's latest {@code DPoP-Nonce}. Either
 * absent is false.
 */
public record DpopBody(Boolean required, Boolean nonce) {

    public DpopRule toRule() {
        return new DpopRule(Boolean.TRUE.equals(required), Boolean.TRUE.equals(nonce));
    }

    static DpopBody of(DpopRule rule) {
        return new DpopBody(rule.required(), rule.nonce());
    }
}
