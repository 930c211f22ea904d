package dev.keyward.web.tenant;

import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.web.surface.ManagementApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/v1/policies}: the presets side by side, for whoever chooses a new tenant's policy or compares
 * a tenant's rules with its preset's. The presets are the same for every tenant, so any signed-in person may
 * read them (the management API's authentication sees to that), and there is nothing to load through a boundary:
 * they are constants of the domain.
 */
@ManagementApi
@Path("api/v1/policies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PoliciesResource {

    @GET
    public List<PresetView> presets() {
        return Arrays.stream(PolicyPreset.values()).map(PresetView::of).toList();
    }
}
