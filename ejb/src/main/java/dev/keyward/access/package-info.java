/**
 * Who is calling, and where they belong: the {@link dev.keyward.access.Caller} the web module makes from a
 * verified Keycloak token, and the {@link dev.keyward.access.TenantScope} that resolves the tenant a request names
 * to the caller's {@link dev.keyward.access.Membership}. Every management feature starts here; the store API's
 * equivalent is {@link dev.keyward.store.StoreScope}.
 */
package dev.keyward.access;
