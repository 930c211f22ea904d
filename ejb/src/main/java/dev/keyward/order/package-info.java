/** A customer's orders over the store API. */
package dev.keyward.order;
