/** {@code /v2/customers/{id}/orders}: a customer's orders. */
package dev.keyward.web.order;
