/**
 * Notices: what Keyward tells people and systems outside it (mail to a credential's owner and the tenant's admins),
 * written to an outbox in the transaction of the change they tell of, and delivered afterwards.
 */
package dev.keyward.domain.notice;
