package dev.keyward.web.store;

import dev.keyward.customer.boundary.CustomerTokens;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.store.CustomerToken;
import dev.keyward.store.StoreScope;
import dev.keyward.throttle.RateUsage;
import dev.keyward.token.boundary.AccessToken;
import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.token.boundary.PresentedTokens;
import dev.keyward.web.security.DpopHeaders;
import dev.keyward.web.surface.StoreApi;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates store API requests with a Keyward access token ({@code Authorization: Bearer …}, or {@code DPoP …} with a
 * proof for a token bound to a key: {@link PresentedTokens}) and,
 * where sent, a customer token ({@code X-Moltin-Customer-Token}). A token that is expired, revoked, or
 * whose credential was disabled or revoked is refused here, at once. Each request then counts against its credential's
 * rate limit, and its answer says what is left ({@code RateLimit-Policy}, {@code RateLimit}).
 */
@StoreApi
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class StoreAuthentication implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String CUSTOMER_TOKEN_HEADER = "X-Moltin-Customer-Token";
    static final String SCOPE = StoreScope.class.getName();
    private static final String USAGE = RateUsage.class.getName();

    @Inject
    AccessTokens tokens;

    @Inject
    PresentedTokens presented;

    @Inject
    CustomerTokens customerTokens;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        AccessToken token = presented.check(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                DpopHeaders.of(request.getMethod(), request.getHeaders().get(DpopHeaders.DPOP), request.getUriInfo()));
        String customerHeader = request.getHeaderString(CUSTOMER_TOKEN_HEADER);
        CustomerToken customer = null;
        if (customerHeader != null) {
            customer = customerTokens.verify(customerHeader.trim())
                    .orElseThrow(() -> unauthenticated("invalid-customer-token", "The customer token is not valid: it may have expired."));
        }
        request.setProperty(USAGE, tokens.countUse(token, servletRequest == null ? null : servletRequest.getRemoteAddr()));
        request.setProperty(SCOPE, new StoreScope(token, customer, servletRequest == null ? null : servletRequest.getRemoteAddr()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(USAGE) instanceof RateUsage usage) {
            usage.headers().forEach(response.getHeaders()::putSingle);
        }
    }

    /** The scope the authentication filter established for this request. */
    public static StoreScope scopeOf(ContainerRequestContext request) {
        return (StoreScope) request.getProperty(SCOPE);
    }

    public static StoreScope scopeOf(HttpServletRequest request) {
        return (StoreScope) request.getAttribute(SCOPE);
    }

    private static DomainException unauthenticated(String type, String detail) {
        return new DomainException(DomainException.Kind.UNAUTHENTICATED, type, "Unauthorized", detail);
    }
}
