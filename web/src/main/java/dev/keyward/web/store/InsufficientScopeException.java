package dev.keyward.web.store;

import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.DomainException;

/**
 * RFC 6750 §3.1: the token is fine but lacks the permission; answered 403 with an {@code insufficient_scope} challenge, in the
 * DPoP scheme for a token bound to a key (RFC 9449 §7.1).
 */
public class InsufficientScopeException extends DomainException {

    private final Permission needed;
    private final boolean bound;

    public InsufficientScopeException(Permission needed, boolean bound) {
        super(Kind.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                "This token does not hold the '" + needed.scope() + "' permission.");
        this.needed = needed;
        this.bound = bound;
    }

    /** Whether the token was bound to a key (DPoP). */
    public boolean bound() {
        return bound;
    }

    public Permission needed() {
        return needed;
    }
}
