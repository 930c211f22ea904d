/**
 * Throttling: failed client authentications counted per client ID and per source address, customer sign-ins per
 * e-mail and per address, and the CPU that password hashing may take. Counting is done with token buckets (Bucket4j);
 * a key that has used its budget is refused with 429 and {@code Retry-After} until its bucket refills. Failures are
 * reported to the audit trail in aggregate, per credential and interval, never one row per attempt.
 */
package dev.keyward.throttle;
