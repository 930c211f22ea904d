package dev.keyward.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Keyward's HTTP API, at the root of the server. Management calls carry a Keycloak access token, which
 * MicroProfile JWT verifies against Keycloak's published keys; the OAuth endpoints authenticate clients
 * themselves.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "keyward")
public class KeywardApplication extends Application {
}
