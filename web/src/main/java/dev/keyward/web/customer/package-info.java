/** {@code /v2/customers}: customers, their addresses, and customer tokens. */
package dev.keyward.web.customer;
