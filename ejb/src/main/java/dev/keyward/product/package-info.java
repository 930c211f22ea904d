/** The store's products over the store API: the back office writes them, the storefront reads live ones. */
package dev.keyward.product;
