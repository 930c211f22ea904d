/**
 * What the store API's features share: the {@link dev.keyward.store.StoreScope} of a request, which binds
 * every query to the token's tenant and environment, and to one customer when a customer token came along.
 */
package dev.keyward.store;
