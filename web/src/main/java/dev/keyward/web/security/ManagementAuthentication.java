package dev.keyward.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every management request ({@code /api/…}) before anything else looks at it, so that a
 * request without a valid Keycloak token is 401 whatever its body, its parameters or its target.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class ManagementAuthentication implements ContainerRequestFilter {

    @Inject
    Callers callers;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("api/")) {
            callers.current();
        }
    }
}
