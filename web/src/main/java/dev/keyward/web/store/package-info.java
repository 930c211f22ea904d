/**
 * What the store API ({@code /v2}) shares: bearer authentication with Keyward's own access tokens, the
 * customer token header, and the permission every resource method declares.
 */
package dev.keyward.web.store;
