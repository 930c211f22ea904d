package dev.keyward.web.order;

import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.order.boundary.CustomerOrders;
import dev.keyward.store.StoreScope;
import dev.keyward.web.store.JsonApi;
import dev.keyward.web.store.JsonApi.Document;
import dev.keyward.web.store.RequiresPermission;
import dev.keyward.web.store.StoreAuthentication;
import dev.keyward.web.surface.StoreApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@StoreApi
@Path("v2/customers/{customerId}/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomerOrdersResource {

    @EJB
    CustomerOrders orders;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @PathParam("customerId")
    String customerId;

    /** Orders are placed by the back office, never with a customer token alone. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.ORDERS_WRITE)
    public Response create(OrderBody.Request body) {
        OrderBody o = JsonApi.data(body, "order", OrderBody::type);
        if (o.total() == null || o.total().amount() == null) {
            throw DomainException.invalid("invalid-order", "An order needs total.amount and total.currency.");
        }
        var created = orders.create(scope(), customerId, o.total().amount(), o.total().currency());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(new Document<>(OrderView.of(created))).build();
    }

    @GET
    @RequiresPermission(value = Permission.ORDERS_READ, orCustomerToken = true)
    public Document<List<OrderView>> list() {
        return new Document<>(orders.list(scope(), customerId).stream().map(OrderView::of).toList());
    }

    @GET
    @Path("{orderId}")
    @RequiresPermission(value = Permission.ORDERS_READ, orCustomerToken = true)
    public Document<OrderView> get(@PathParam("orderId") String orderId) {
        return new Document<>(OrderView.of(orders.get(scope(), customerId, orderId)));
    }

    private StoreScope scope() {
        return StoreAuthentication.scopeOf(request);
    }
}
