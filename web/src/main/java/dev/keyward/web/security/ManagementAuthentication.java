package dev.keyward.web.security;

import dev.keyward.access.Caller;
import dev.keyward.member.boundary.Invitations;
import dev.keyward.web.surface.ManagementApi;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every management request before anything else looks at it, so that a request without a valid
 * Keycloak token is 401 whatever its body, its parameters or its target. Then, as a step of its own, a person
 * invited since their last call becomes the member their invitations promised.
 */
@ManagementApi
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class ManagementAuthentication implements ContainerRequestFilter {

    @Inject
    Callers callers;

    @EJB
    Invitations invitations;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = callers.current();
        invitations.acceptPending(caller);
    }
}
