package dev.keyward.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The build deploys the real EAR once for the whole run (bin/keyward wildfly-start); the black-box tests talk
 * HTTP to it. A test that must run inside the server deploys a probe next to it: a small WAR with the test
 * classes only, which sees the EAR's own classes and beans through module dependencies, never copies of them.
 */
public final class Deployments {

    /** The EAR's modules a probe links to: its libraries (the domain) and its EJB module. */
    private static final String STRUCTURE = """
            <jboss-deployment-structure>
                <deployment>
                    <dependencies>
                        <module name="deployment.keyward.ear"/>
                        <module name="deployment.keyward.ear.keyward-ejb.jar"/>
                        <module name="org.hibernate"/>
                    </dependencies>
                </deployment>
            </jboss-deployment-structure>
            """;

    private Deployments() {
    }

    public static WebArchive probe(Class<?>... testClasses) {
        return ShrinkWrap.create(WebArchive.class, "keyward-probe.war")
                .addClasses(testClasses)
                .addClass(InContainer.class)
                .addAsWebInfResource(new StringAsset(STRUCTURE), "jboss-deployment-structure.xml");
    }
}
