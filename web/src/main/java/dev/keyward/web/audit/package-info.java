/** {@code /api/v1/tenants/{slug}/audit-events}: the tenant's audit trail, newest first. */
package dev.keyward.web.audit;
