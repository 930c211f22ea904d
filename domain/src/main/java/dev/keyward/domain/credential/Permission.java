package dev.keyward.domain.credential;

import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The catalogue of what a token may open; a credential carries a set of these. */
public enum Permission {
    PRODUCTS_READ("products:read"),
    PRODUCTS_WRITE("products:write"),
    CUSTOMERS_READ("customers:read"),
    CUSTOMERS_WRITE("customers:write"),
    ORDERS_READ("orders:read"),
    ORDERS_WRITE("orders:write"),
    TOKENS_INTROSPECT("tokens:introspect");

    private final String scope;

    Permission(String scope) {
        this.scope = scope;
    }

    /** The OAuth scope token that names this permission. */
    public String scope() {
        return scope;
    }

    public static Permission fromScope(String scope) {
        for (Permission p : values()) {
            if (p.scope.equals(scope)) {
                return p;
            }
        }
        throw DomainException.invalid("unknown-permission",
                "Unknown permission '" + scope + "'; the catalogue is " + catalogue() + ".");
    }

    public static List<String> catalogue() {
        return Arrays.stream(values()).map(Permission::scope).toList();
    }

    /** What a store's ordinary member may do: everything but inspecting other people's tokens. */
    public static Set<Permission> storeAccess() {
        return EnumSet.complementOf(EnumSet.of(TOKENS_INTROSPECT));
    }
}
