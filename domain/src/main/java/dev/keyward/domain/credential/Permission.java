package dev.keyward.domain.credential;

import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of what a token may open; a credential carries a set of these. Each permission is named by
 * an OAuth scope token, and a set of them is written as a scope string: the names separated by spaces
 * (RFC 6749 §3.3). Tokens, introspection answers and the database all use that one form, read and written here.
 */
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

    /** The permission a scope token names, when the catalogue has it. */
    public static Optional<Permission> named(String scope) {
        for (Permission p : values()) {
            if (p.scope.equals(scope)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Permission fromScope(String scope) {
        return named(scope).orElseThrow(() -> DomainException.invalid("unknown-permission",
                "Unknown permission '" + scope + "'; the catalogue is " + catalogue() + "."));
    }

    public static List<String> catalogue() {
        return Arrays.stream(values()).map(Permission::scope).toList();
    }

    /** The scope tokens a scope string lists, in its order; none when it is null or blank. */
    public static List<String> scopeTokens(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
    }

    /** The permissions a scope string names; a token outside the catalogue is refused. */
    public static Set<Permission> parseScope(String scope) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        scopeTokens(scope).stream().map(Permission::fromScope).forEach(set::add);
        return set;
    }

    /** The scope tokens of these permissions, sorted, so that a set always reads the same. */
    public static List<String> sortedScopes(Collection<Permission> permissions) {
        return permissions.stream().map(Permission::scope).sorted().toList();
    }

    /** These permissions as a scope string: their tokens, sorted, separated by single spaces. */
    public static String printScope(Collection<Permission> permissions) {
        return String.join(" ", sortedScopes(permissions));
    }

    /** What a store's ordinary member may do: everything but inspecting other people's tokens. */
    public static Set<Permission> storeAccess() {
        return EnumSet.complementOf(EnumSet.of(TOKENS_INTROSPECT));
    }
}
