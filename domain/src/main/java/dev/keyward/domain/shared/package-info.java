/**
 * What every feature shares: the domain exception that the web module turns into a problem, and the
 * base of the identifiers.
 */
package dev.keyward.domain.shared;
