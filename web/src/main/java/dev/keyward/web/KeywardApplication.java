package dev.keyward.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Keyward's HTTP API, at the root of the server. Each part authenticates its own callers: the management
 * API ({@code /api}) takes Keycloak access tokens, the OAuth endpoints ({@code /oauth}) take client
 * credentials, the store API ({@code /v2}) takes Keyward's own access tokens.
 */
@ApplicationPath("/")
public class KeywardApplication extends Application {
}
