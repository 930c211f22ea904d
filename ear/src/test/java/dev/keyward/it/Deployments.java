package dev.keyward.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Deployments come from the real build: the EAR in target/, never a hand-listed set of classes. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive keyward() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("keyward.ear")));
    }

    /** The real EAR with test classes added to its EJB module, for tests that run inside the server. */
    public static EnterpriseArchive keywardWith(Class<?>... testClasses) {
        EnterpriseArchive ear = keyward();
        JavaArchive ejb = ear.getAsType(JavaArchive.class, "keyward-ejb.jar");
        ejb.addClasses(testClasses);
        ear.delete("keyward-ejb.jar");
        ear.addAsModule(ejb);
        return ear;
    }
}
