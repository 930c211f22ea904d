/**
 * Who is calling, and where they belong: the {@link dev.keyward.access.Caller} the web module makes from a
 * Keycloak token verified against the realm's keys ({@link dev.keyward.access.RealmKeys}, fetched in the
 * background), and the {@link dev.keyward.access.TenantScope} that resolves the tenant a request names to the
 * caller's {@link dev.keyward.access.Membership}. {@link dev.keyward.access.DirectoryReadiness} says whether the
 * owners of credentials have been checked with Keycloak since this server started. Every management feature starts
 * here; the store API's equivalent is {@link dev.keyward.store.StoreScope}.
 */
package dev.keyward.access;
