package dev.keyward.throttle.boundary;

import dev.keyward.audit.boundary.AuditTrail;
import dev.keyward.domain.audit.Actor;
import dev.keyward.domain.audit.AuditAction;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.throttle.control.Throttles;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Map;

/** Writes one interval's failed authentications to the audit trail, in one transaction (see {@link FailureReports}). */
@Stateless
public class FailureAudit {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    public void write(Throttles.Report report, Duration interval) {
        for (Map.Entry<String, Throttles.Tally> failed : report.byClientId().entrySet()) {
            em.createNamedQuery(ClientCredential.BY_CLIENT_ID, ClientCredential.class).setParameter("clientId", failed.getKey())
                    .getResultStream().findFirst().ifPresent(credential -> audit.record(credential.tenant(),
                            AuditAction.CREDENTIAL_AUTH_FAILURES, Actor.SYSTEM, "credential", credential.id(),
                            words(failed.getValue().count(), failed.getValue().addresses(), interval)));
        }
        if (report.ofUnknownIds() > 0) {
            audit.record((String) null, AuditAction.CREDENTIAL_AUTH_FAILURES, Actor.SYSTEM, "credential", null,
                    report.ofUnknownIds() + " failed authentications with client IDs that do not exist, in the last " + interval.toSeconds() + " s");
        }
    }

    private static String words(long count, int addresses, Duration interval) {
        return count + " failed authentications from " + addresses + (addresses == 1 ? " address" : " addresses")
                + " in the last " + interval.toSeconds() + " s";
    }
}
