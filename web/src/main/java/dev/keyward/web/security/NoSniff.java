package dev.keyward.web.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer says {@code X-Content-Type-Options: nosniff}: a browser takes a JSON answer (one that echoes what
 * a client sent, say) for JSON, never for a script or a page it guessed from the bytes.
 */
@Provider
public class NoSniff implements ContainerResponseFilter {

    public static final String HEADER = "X-Content-Type-Options";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, "nosniff");
    }
}
