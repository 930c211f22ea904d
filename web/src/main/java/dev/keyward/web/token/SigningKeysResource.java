package dev.keyward.web.token;

import dev.keyward.token.boundary.SigningKeys;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/** The token-signing keys, for operators: list them, and rotate ({@code POST}). */
@ManagementApi
@Path("api/v1/signing-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeysResource {

    @EJB
    SigningKeys signingKeys;

    @Inject
    Callers callers;

    @Inject
    Clock clock;

    @GET
    public List<SigningKeyView> list() {
        var now = clock.instant();
        return signingKeys.list(callers.current()).stream().map(k -> SigningKeyView.of(k, now)).toList();
    }

    /** Rotation: 201 with the new key, published now, signing from its {@code activatesAt}. */
    @POST
    public Response rotate() {
        var next = signingKeys.rotate(callers.current());
        return Response.status(Response.Status.CREATED).entity(SigningKeyView.of(next, clock.instant())).build();
    }
}
