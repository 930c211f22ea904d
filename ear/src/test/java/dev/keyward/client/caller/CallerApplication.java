package dev.keyward.client.caller;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The second application of the integration tests: a Jakarta EE application that calls Keyward's store API with the client. */
@ApplicationPath("api")
public class CallerApplication extends Application {
}
