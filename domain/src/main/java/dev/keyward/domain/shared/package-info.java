/**
 * What every feature shares: {@link dev.keyward.domain.shared.DomainException} with its kinds (the one error
 * mapper turns each into the status and wire format of the surface that answered), the policy refusal and the
 * step-up demand built on it, and the tenant-and-environment pair every store query carries.
 */
package dev.keyward.domain.shared;
