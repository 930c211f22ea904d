package dev.keyward.client.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Opened by any valid Keyward token ({@code sub} is the client ID); says whose it is. */
@Path("who")
@RequestScoped
public class WhoResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("**")
    @Produces(MediaType.TEXT_PLAIN)
    public String who() {
        return token.getSubject() + " " + token.getClaim("tenant");
    }
}
