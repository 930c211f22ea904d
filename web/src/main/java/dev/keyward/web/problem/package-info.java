/**
 * Errors in one place: every exception becomes an RFC 9457 problem on the management API, or an RFC 6749
 * error on the OAuth endpoints. Nothing internal reaches a response body.
 */
package dev.keyward.web.problem;
