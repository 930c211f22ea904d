package dev.keyward.client.mpjwt;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A resource server that checks Keyward's tokens with MicroProfile JWT alone, no Keyward code: its configuration
 * ({@code META-INF/microprofile-config.properties}) names Keyward's JWKS, issuer, audience and ES256.
 */
@LoginConfig(authMethod = "MP-JWT", realmName = "keyward")
@ApplicationPath("api")
public class MpJwtApplication extends Application {
}
