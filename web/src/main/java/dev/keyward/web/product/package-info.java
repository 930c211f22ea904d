/** {@code /v2/products}: Elastic Path's legacy products. */
package dev.keyward.web.product;
