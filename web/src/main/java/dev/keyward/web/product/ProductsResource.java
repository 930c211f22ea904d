package dev.keyward.web.product;

import dev.keyward.domain.credential.Permission;
import dev.keyward.product.boundary.Products;
import dev.keyward.store.StoreScope;
import dev.keyward.web.store.JsonApi;
import dev.keyward.web.store.JsonApi.Document;
import dev.keyward.web.store.RequiresPermission;
import dev.keyward.web.store.StoreAuthentication;
import dev.keyward.web.surface.StoreApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@StoreApi
@Path("v2/products")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductsResource {

    @Inject
    Products products;

    @Inject
    RenderedProducts rendered;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @POST
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    public Response create(ProductBody.Request body) {
        var p = products.create(scope(), JsonApi.data(body, "product", ProductBody::type).fields());
        return Response.created(uri.getAbsolutePathBuilder().path(p.id()).build()).entity(new Document<>(ProductView.of(p))).build();
    }

    @GET
    @RequiresPermission(Permission.PRODUCTS_READ)
    public Document<List<ProductView>> list() {
        return new Document<>(products.list(scope()).stream().map(ProductView::of).toList());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permission.PRODUCTS_READ)
    public byte[] get(@PathParam("id") String id) {
        return rendered.of(products.get(scope(), id));
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    public Document<ProductView> update(@PathParam("id") String id, ProductBody.Request body) {
        return new Document<>(ProductView.of(products.update(scope(), id, JsonApi.data(body, "product", ProductBody::type).fields())));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permission.PRODUCTS_WRITE)
    public Response delete(@PathParam("id") String id) {
        products.delete(scope(), id);
        return Response.noContent().build();
    }

    private StoreScope scope() {
        return StoreAuthentication.scopeOf(request);
    }
}
