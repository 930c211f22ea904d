package dev.keyward.client.caller;

import dev.keyward.client.ClientProof;
import dev.keyward.client.KeywardTokenCheck;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.time.Duration;

/**
 * The caller application as a resource server: {@link KeywardTokenCheck} on its {@link Guarded} resources, honouring
 * revocation through introspection with no cache (so a test sees a revocation at once). The test sets Keyward's issuer and
 * the introspecting credential once ({@link CallsResource#guard}), as an application would in its configuration.
 */
@Guarded
@Provider
public class Guard implements ContainerRequestFilter {

    static volatile KeywardTokenCheck check;

    static void configure(URI issuer, String clientId, String secret) {
        check = new KeywardTokenCheck(KeywardTokenCheck.issuer(issuer)
                .honouringRevocation(ClientProof.secret(clientId, secret), Duration.ZERO));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        check.filter(request);
    }
}
