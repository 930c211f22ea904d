package dev.keyward.web.token;

import dev.keyward.web.security.BodyLimit;
import dev.keyward.web.surface.OAuthEndpoint;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The OAuth endpoints take a few form fields (a grant type, a scope, a token, a client's ID and secret): their
 * bodies may not pass 8 KiB, so that the server's I/O threads always read one whole before a worker takes it.
 */
@OAuthEndpoint
@Provider
@Priority(Priorities.AUTHENTICATION)
public class OAuthBodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 8 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        BodyLimit.limit(request, MAX_BYTES);
    }
}
