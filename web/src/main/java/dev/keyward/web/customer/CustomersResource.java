package dev.keyward.web.customer;

import dev.keyward.customer.boundary.CustomerTokens;
import dev.keyward.customer.boundary.Customers;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.store.StoreScope;
import dev.keyward.web.store.JsonApi;
import dev.keyward.web.store.JsonApi.Document;
import dev.keyward.web.store.RequiresPermission;
import dev.keyward.web.store.StoreAuthentication;
import dev.keyward.web.surface.StoreApi;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Customers and their addresses. The back office (client_credentials with the customers permissions)
 * reaches every customer; a customer token reaches its own customer only, from either kind of token.
 */
@StoreApi
@Path("v2/customers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomersResource {

    @EJB
    Customers customers;

    @Inject
    CustomerTokens tokens;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @POST
    @RequiresPermission(Permission.CUSTOMERS_WRITE)
    public Response create(CustomerBody.Request body) {
        CustomerBody c = JsonApi.data(body, "customer", CustomerBody::type);
        var created = customers.create(scope(), c.name(), c.email(), c.password());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(new Document<>(CustomerView.of(created))).build();
    }

    /** Sign-in with e-mail and password, through any valid access token of the store. */
    @POST
    @Path("tokens")
    public Response token(TokenRequestBody.Request body) {
        TokenRequestBody t = JsonApi.data(body, "token", TokenRequestBody::type);
        if (t.authenticationMechanism() != null && !"password".equals(t.authenticationMechanism())) {
            throw DomainException.invalid("unsupported-authentication-mechanism", "authentication_mechanism is 'password'.");
        }
        var token = tokens.signIn(scope().token(), t.email(), t.password(), request.getRemoteAddr());
        return Response.ok(new Document<>(CustomerTokenView.of(token))).cacheControl(CacheControl.valueOf("no-store")).build();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(value = Permission.CUSTOMERS_READ, orCustomerToken = true)
    public Document<CustomerView> get(@PathParam("id") String id) {
        return new Document<>(CustomerView.of(customers.get(scope(), id)));
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(value = Permission.CUSTOMERS_WRITE, orCustomerToken = true)
    public Document<CustomerView> update(@PathParam("id") String id, CustomerBody.Request body) {
        CustomerBody c = JsonApi.data(body, "customer", CustomerBody::type);
        return new Document<>(CustomerView.of(customers.update(scope(), id, c.name(), c.email(), c.password())));
    }

    @GET
    @Path("{id}/addresses")
    @RequiresPermission(value = Permission.CUSTOMERS_READ, orCustomerToken = true)
    public Document<List<AddressBody>> addresses(@PathParam("id") String id) {
        return new Document<>(customers.addresses(scope(), id).stream().map(AddressBody::of).toList());
    }

    @POST
    @Path("{id}/addresses")
    @RequiresPermission(value = Permission.CUSTOMERS_WRITE, orCustomerToken = true)
    public Response addAddress(@PathParam("id") String id, AddressBody.Request body) {
        var a = customers.addAddress(scope(), id, JsonApi.data(body, "address", AddressBody::type).lines());
        return Response.created(uri.getAbsolutePathBuilder().path(a.id()).build()).entity(new Document<>(AddressBody.of(a))).build();
    }

    @GET
    @Path("{id}/addresses/{addressId}")
    @RequiresPermission(value = Permission.CUSTOMERS_READ, orCustomerToken = true)
    public Document<AddressBody> address(@PathParam("id") String id, @PathParam("addressId") String addressId) {
        return new Document<>(AddressBody.of(customers.address(scope(), id, addressId)));
    }

    @PUT
    @Path("{id}/addresses/{addressId}")
    @RequiresPermission(value = Permission.CUSTOMERS_WRITE, orCustomerToken = true)
    public Document<AddressBody> updateAddress(@PathParam("id") String id, @PathParam("addressId") String addressId,
                                               AddressBody.Request body) {
        return new Document<>(AddressBody.of(customers.updateAddress(scope(), id, addressId,
                JsonApi.data(body, "address", AddressBody::type).lines())));
    }

    @DELETE
    @Path("{id}/addresses/{addressId}")
    @RequiresPermission(value = Permission.CUSTOMERS_WRITE, orCustomerToken = true)
    public Response deleteAddress(@PathParam("id") String id, @PathParam("addressId") String addressId) {
        customers.deleteAddress(scope(), id, addressId);
        return Response.noContent().build();
    }

    private StoreScope scope() {
        return StoreAuthentication.scopeOf(request);
    }
}
