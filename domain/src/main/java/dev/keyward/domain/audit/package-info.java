/**
 * The audit trail: one immutable row per state change or refusal, written in the transaction of the
 * change it records. It never holds a secret or a hash.
 */
package dev.keyward.domain.audit;
