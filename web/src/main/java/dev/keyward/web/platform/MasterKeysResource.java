package dev.keyward.web.platform;

import dev.keyward.credential.boundary.MasterKeyRotation;
import dev.keyward.web.security.Callers;
import dev.keyward.web.surface.ManagementApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The master keys that seal EUID keys' client secrets, for operators: list them with how many secrets each still seals,
 * rotate ({@code POST}: a new current key, the re-wrap follows in the background), and remove an old one once it seals
 * nothing.
 */
@ManagementApi
@Path("api/v1/master-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MasterKeysResource {

    @EJB
    MasterKeyRotation rotation;

    @Inject
    Callers callers;

    @GET
    public List<MasterKeyRotation.MasterKey> list() {
        return rotation.list(callers.current());
    }

    @POST
    public Response rotate() {
        return Response.status(Response.Status.CREATED).entity(rotation.rotate(callers.current())).build();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        rotation.remove(callers.current(), id);
        return Response.noContent().build();
    }
}
