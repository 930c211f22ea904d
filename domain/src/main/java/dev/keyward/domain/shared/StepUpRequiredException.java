package dev.keyward.domain.shared;

/**
 * The caller's login is not a fresh MFA login, and the change asks for one (RFC 9470's
 * {@code insufficient_user_authentication}): signing in again with MFA, within {@code maxAgeSeconds},
 * lets the same request through.
 */
public class StepUpRequiredException extends DomainException {

    private final long maxAgeSeconds;

    public StepUpRequiredException(String detail, long maxAgeSeconds) {
        super(Kind.UNAUTHENTICATED, "step-up-required", "A fresh MFA login is required", detail);
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }
}
