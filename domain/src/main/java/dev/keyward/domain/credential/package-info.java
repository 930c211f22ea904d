/**
 * Client credentials: a public client ID and a secret kept only as a keyed hash. The entity owns its
 * lifecycle (rotation with a grace period, disabling, revocation, expiry) and the check of a presented
 * secret against the current and, during a grace period, the previous hash.
 */
package dev.keyward.domain.credential;
