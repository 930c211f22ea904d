/** {@code /api/v1/tenants/{slug}/webhooks}: a tenant's webhook endpoints and their delivery logs. */
package dev.keyward.web.webhook;
