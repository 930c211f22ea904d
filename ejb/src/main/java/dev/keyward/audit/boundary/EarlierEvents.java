package dev.keyward.audit.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/** At start, after the schema is current: audit events from before the hash chains are linked into them, once. */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class EarlierEvents {

    private static final Logger LOG = Logger.getLogger(EarlierEvents.class.getName());

    @EJB
    AuditTrail audit;

    @PostConstruct
    void link() {
        int linked = audit.linkEarlierEvents();
        if (linked > 0) {
            LOG.info(() -> linked + " audit events from before the hash chains were linked into them");
        }
    }
}
