package dev.keyward.domain.credential;

import dev.keyward.domain.shared.DomainException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scope string: the one written form of a permission set, in tokens, introspection and the database. */
class PermissionTest {

    @Test
    void aSetPrintsItsScopeTokensSortedAndSpaceSeparated() {
        Set<Permission> set = EnumSet.of(Permission.TOKENS_INTROSPECT, Permission.ORDERS_READ, Permission.PRODUCTS_WRITE);
        assertEquals("orders:read products:write tokens:introspect", Permission.printScope(set));
        assertEquals(List.of("orders:read", "products:write", "tokens:introspect"), Permission.sortedScopes(set));
        assertEquals("", Permission.printScope(Set.of()));
        // the same set, however it is held, prints one string, made once
        assertSame(Permission.printScope(set), Permission.printScope(Set.of(Permission.PRODUCTS_WRITE, Permission.ORDERS_READ,
                Permission.TOKENS_INTROSPECT)));
        assertEquals("orders:read products:write", Permission.printScope(List.of(Permission.PRODUCTS_WRITE, Permission.ORDERS_READ)));
    }

    @Test
    void aScopeStringParsesBackToItsSet() {
        Set<Permission> set = EnumSet.of(Permission.ORDERS_READ, Permission.PRODUCTS_WRITE);
        assertEquals(set, Permission.parseScope(Permission.printScope(set)));
        assertEquals(set, Permission.parseScope("  products:write   orders:read "), "extra spaces");
        assertEquals(Set.of(), Permission.parseScope(""));
        assertEquals(Set.of(), Permission.parseScope(null));
    }

    @Test
    void aScopeTokenOutsideTheCatalogueIsRefused() {
        assertEquals("unknown-permission", assertThrows(DomainException.class, () -> Permission.parseScope("products:read admin")).type());
        assertEquals(Optional.empty(), Permission.named("admin"));
        assertEquals(Optional.empty(), Permission.named(null));
        assertEquals(Optional.of(Permission.TOKENS_INTROSPECT), Permission.named("tokens:introspect"));
    }

    @Test
    void aScopeStringListsItsTokensInItsOwnOrder() {
        assertEquals(List.of("orders:read", "admin", "products:read"), Permission.scopeTokens(" orders:read admin  products:read"));
        assertEquals(List.of(), Permission.scopeTokens("   "));
        assertEquals(List.of(), Permission.scopeTokens(null));
    }
}
