package dev.keyward.web.store;

import dev.keyward.store.StoreScope;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Binds each store API method to the permission it declares: the token's scope must hold it, or, where the
 * method allows, a customer token must be present (the services then limit the answer to that customer).
 */
@Provider
public class PermissionCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresPermission required = resource.getResourceMethod().getAnnotation(RequiresPermission.class);
        if (required == null) {
            return;
        }
        context.register(new Check(required), Priorities.AUTHORIZATION);
    }

    private record Check(RequiresPermission required) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            StoreScope scope = StoreAuthentication.scopeOf(request);
            boolean byCustomer = required.orCustomerToken() && scope.customer() != null;
            if (!byCustomer && !scope.token().allows(required.value())) {
                throw new InsufficientScopeException(required.value(), scope.token().isBound());
            }
        }
    }

}
