/**
 * Client credentials: creating them under the tenant's policy, listing, rotating with a grace period,
 * disabling, enabling, revoking. The secret is generated and hashed here, shown once, never stored.
 */
package dev.keyward.credential;
