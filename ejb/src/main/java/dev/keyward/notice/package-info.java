/**
 * Notices: mail to a credential's owner and its tenant's admins when something happens to the credential that they did
 * not do (revoked by someone else, reported leaked) or that is coming (its expiry). Written to the outbox in the change's
 * own transaction ({@link dev.keyward.notice.control.Outbox}), sent afterwards by the server holding the lease.
 */
package dev.keyward.notice;
