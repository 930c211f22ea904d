/**
 * Webhooks: a tenant's endpoints for credential events. Every event of the audit trail that a webhook may carry is
 * written to the outbox ({@link dev.keyward.webhook.control.WebhookOutbox}) in the transaction of the change, one
 * delivery per endpoint that wants it; the server holding the {@code webhooks} lease sends them afterwards, each signed
 * with its endpoint's secret as Stripe signs (a timestamp and an HMAC-SHA-256 of timestamp and body in one header).
 */
package dev.keyward.webhook;
