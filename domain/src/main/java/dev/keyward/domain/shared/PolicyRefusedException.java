package dev.keyward.domain.shared;

/**
 * The tenant's credential policy does not allow what was asked. The reason is written for the person
 * who asked, and the {@link #rule()} names the policy rule so that the audit trail can record it.
 */
public class PolicyRefusedException extends DomainException {

    private final String rule;

    public PolicyRefusedException(String rule, String reason) {
        super(Kind.FORBIDDEN, "policy-refused", "Refused by the tenant's credential policy", reason);
        this.rule = rule;
    }

    /** Conflict-shaped refusals (a second active credential) answer 409 rather than 403. */
    public PolicyRefusedException(String rule, String type, String reason) {
        super(Kind.CONFLICT, type, "Refused by the tenant's credential policy", reason);
        this.rule = rule;
    }

    /**
     * A second active credential under a one-active policy. Two places refuse it: the policy's check before
     * creating, and the database's unique key on the owner's active slot when two requests race past that
     * check. Both answer with this one refusal, so the person reads the same sentence either way.
     */
    public static PolicyRefusedException oneActivePerMember() {
        return new PolicyRefusedException("one-active-per-member", "one-active-credential",
                "You already hold an active credential, and this tenant allows one per person. Revoke it before generating a new one.");
    }

    public String rule() { return rule; }
}
