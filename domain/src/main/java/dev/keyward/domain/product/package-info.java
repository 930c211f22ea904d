/** The store's products, in Elastic Path's legacy shape: drafts for the back office, live ones for the storefront. */
package dev.keyward.domain.product;
