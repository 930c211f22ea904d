/**
 * Client credentials: creating them under the tenant's policy, listing, rotating with a grace period,
 * disabling, enabling, revoking. The secret is generated and hashed here, shown once, never stored. The token
 * plane reads credentials from the {@link dev.keyward.credential.control.CredentialCache} kept here (fed by the
 * changes other servers make) and reports their use to the {@link dev.keyward.credential.control.UsageLog}.
 */
package dev.keyward.credential;
