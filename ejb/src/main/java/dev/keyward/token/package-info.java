/**
 * Access tokens: checking a presented client ID and secret, issuing a signed JWT with the credential's
 * permissions for the lifetime the tenant's policy sets, verifying, introspecting and revoking it; and the
 * signing keys with their rotation. Kept off EJB pools and transactions, since it is the hot path.
 */
package dev.keyward.token;
