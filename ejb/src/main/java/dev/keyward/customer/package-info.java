/**
 * The store's customers, their addresses and their sign-in: customer tokens that open one customer's data,
 * and passwords kept as slow salted hashes.
 */
package dev.keyward.customer;
