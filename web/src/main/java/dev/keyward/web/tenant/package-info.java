/**
 * {@code /api/v1/tenants}: creating a tenant with its policy, reading it; {@code /api/v1/policies}: the presets a
 * tenant's policy starts from, side by side.
 */
package dev.keyward.web.tenant;
