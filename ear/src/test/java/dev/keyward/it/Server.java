package dev.keyward.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The run's WildFly, through its management interface on loopback: takes Keyward's deployment down and brings it
 * back, as an operator stopping and starting the application would, without restarting the server.
 */
public final class Server {

    private static final int MANAGEMENT_PORT = Integer.getInteger("it.management.port", 19990);
    private static final ModelNode KEYWARD = Operations.createAddress("deployment", "keyward.ear");

    private Server() {
    }

    public static void stopKeyward() {
        execute("undeploy");
    }

    /** Returns once Keyward has started again, its start-up work done. */
    public static void startKeyward() {
        execute("deploy");
    }

    private static void execute(String operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("localhost", MANAGEMENT_PORT)) {
            ModelNode result = client.execute(Operations.createOperation(operation, KEYWARD));
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new AssertionError(operation + " of keyward.ear failed: " + Operations.getFailureDescription(result));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
