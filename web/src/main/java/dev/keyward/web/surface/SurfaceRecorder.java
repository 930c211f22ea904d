package dev.keyward.web.surface;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Writes down, before any authentication runs, which surface the matched resource belongs to. */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class SurfaceRecorder implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Surface.of(resource).record(request);
    }
}
