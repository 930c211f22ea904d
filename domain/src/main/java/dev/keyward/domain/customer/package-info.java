/**
 * The store's customers, their addresses, and how a customer signs in for a customer token. Passwords are
 * kept only as a slow salted hash, made by the service that owns the key derivation.
 */
package dev.keyward.domain.customer;
