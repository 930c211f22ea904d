/**
 * Webhooks: a tenant's HTTPS endpoints for credential events, each with a signing secret of its own (sealed under the
 * master key, since every delivery needs it), and the deliveries owed to them, an outbox with its {@code Attempts}.
 */
package dev.keyward.domain.webhook;
