/** {@code /api/v1/tenants}: creating a tenant with its policy, reading it. */
package dev.keyward.web.tenant;
