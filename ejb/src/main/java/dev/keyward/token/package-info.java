/**
 * Access tokens: checking a presented client ID and secret, and issuing a signed JWT with the
 * credential's permissions for the lifetime the tenant's policy sets. Kept off EJB pools and
 * transactions, since it is the hot path.
 */
package dev.keyward.token;
