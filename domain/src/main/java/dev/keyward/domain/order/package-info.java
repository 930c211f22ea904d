/** A customer's orders: created by the back office, read by the customer or the back office. */
package dev.keyward.domain.order;
