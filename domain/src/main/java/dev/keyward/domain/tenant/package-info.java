/**
 * Tenants (a store, a console, a participant) and the credential policy each one picked: a row of data
 * per tenant, first filled from one of the presets that reproduce the seed systems.
 */
package dev.keyward.domain.tenant;
