/** The audit trail: recording every change in its own transaction's scope, refusals apart, and reading it back. */
package dev.keyward.audit;
