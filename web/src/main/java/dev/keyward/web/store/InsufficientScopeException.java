package dev.keyward.web.store;

import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.DomainException;

/** RFC 6750 §3.1: the token is fine but lacks the permission; answered 403 with an {@code insufficient_scope} challenge. */
public class InsufficientScopeException extends DomainException {

    private final Permission needed;

    public InsufficientScopeException(Permission needed) {
        super(Kind.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                "This token does not hold the '" + needed.scope() + "' permission.");
        this.needed = needed;
    }

    public Permission needed() {
        return needed;
    }
}
