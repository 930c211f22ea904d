package dev.keyward.audit.boundary;

import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.shared.PolicyRefusedException;
import dev.keyward.domain.tenant.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Runs a policy check; when the policy refuses, the refusal is written to the audit trail in a
 * transaction of its own (the caller's is about to roll back) and the refusal goes on to the client.
 */
@Dependent
public class Refusals {

    @Inject
    AuditTrail audit;

    public void check(Tenant tenant, Actor actor, String targetType, String targetId, Runnable policyCheck) {
        try {
            policyCheck.run();
        } catch (PolicyRefusedException refusal) {
            audit.recordRefusal(tenant.id(), actor, targetType, targetId, refusal);
            throw refusal;
        }
    }
}
