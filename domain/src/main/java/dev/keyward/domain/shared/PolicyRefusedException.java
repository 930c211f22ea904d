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

    public String rule() { return rule; }
}
