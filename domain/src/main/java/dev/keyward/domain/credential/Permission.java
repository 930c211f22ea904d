package dev.keyward.domain.credential;

import dev.keyward.domain.shared.DomainException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogues of what a credential may open, one per {@link CredentialKind}; a credential carries a set from
 * its kind's catalogue. An OAuth client's permissions are named by OAuth scope tokens, and a set of them is written
 * as a scope string: the names separated by spaces (RFC 6749 §3.3). Tokens, introspection answers and the database
 * all use that one form, read and written here. An EUID key's are the EUID operator's roles.
 */
public enum Permission {
    PRODUCTS_READ("products:read", CredentialKind.OAUTH_CLIENT, "read the catalogue"),
    PRODUCTS_WRITE("products:write", CredentialKind.OAUTH_CLIENT, "change the catalogue"),
    CUSTOMERS_READ("customers:read", CredentialKind.OAUTH_CLIENT, "read customers"),
    CUSTOMERS_WRITE("customers:write", CredentialKind.OAUTH_CLIENT, "create and change customers"),
    ORDERS_READ("orders:read", CredentialKind.OAUTH_CLIENT, "read orders"),
    ORDERS_WRITE("orders:write", CredentialKind.OAUTH_CLIENT, "create orders"),
    TOKENS_INTROSPECT("tokens:introspect", CredentialKind.OAUTH_CLIENT, "introspect the tenant's access tokens"),
    EUID_GENERATOR("generator", CredentialKind.EUID_KEY, "POST /v2/token/generate, /v2/token/refresh and /v2/token/validate"),
    EUID_MAPPER("mapper", CredentialKind.EUID_KEY, "POST /v2/identity/map, /v3/identity/map and /v2/identity/buckets"),
    EUID_ID_READER("id-reader", CredentialKind.EUID_KEY, "decrypt EUID tokens (the key-sharing endpoints)"),
    EUID_SHARER("sharer", CredentialKind.EUID_KEY, "share EUIDs with other participants (the key-sharing endpoints)"),
    EUID_OPTOUT("optout", CredentialKind.EUID_KEY, "report opt-outs");

    private final String scope;
    private final CredentialKind kind;
    private final String opens;

    Permission(String scope, CredentialKind kind, String opens) {
        this.scope = scope;
        this.kind = kind;
        this.opens = opens;
    }

    /** Which credentials may carry it. */
    public CredentialKind kind() {
        return kind;
    }

    /** What it opens, in words, for people choosing a credential's permissions. */
    public String opens() {
        return opens;
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
                "Unknown permission '" + scope + "'; the catalogue is " + catalogue(CredentialKind.OAUTH_CLIENT) + "."));
    }

    /** The names of the permissions credentials of {@code kind} may carry. */
    public static List<String> catalogue(CredentialKind kind) {
        return Arrays.stream(values()).filter(p -> p.kind == kind).map(Permission::scope).toList();
    }

    /** Every permission credentials of {@code kind} may carry. */
    public static Set<Permission> allOf(CredentialKind kind) {
        EnumSet<Permission> all = EnumSet.noneOf(Permission.class);
        Arrays.stream(values()).filter(p -> p.kind == kind).forEach(all::add);
        return all;
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

    /**
     * These permissions as a scope string: their tokens, sorted, separated by single spaces. Every token issued prints one,
     * so each set's string is made once (there are {@code 2^12} sets at most).
     */
    public static String printScope(Collection<Permission> permissions) {
        int set = 0;
        for (Permission p : permissions) {
            set |= 1 << p.ordinal();
        }
        return PRINTED.computeIfAbsent(set, s -> String.join(" ", sortedScopes(permissions)));
    }

    private static final Map<Integer, String> PRINTED = new ConcurrentHashMap<>();

    /** What a store's ordinary member may do: everything but inspecting other people's tokens. */
    public static Set<Permission> storeAccess() {
        Set<Permission> access = allOf(CredentialKind.OAUTH_CLIENT);
        access.remove(TOKENS_INTROSPECT);
        return access;
    }
}
