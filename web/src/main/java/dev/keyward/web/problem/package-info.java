/**
 * Errors in one place: {@link dev.keyward.web.problem.ProblemMapper} classifies every exception once and writes
 * it in the format of the surface that answered: an RFC 9457 problem on the management API, an RFC 6749 error on
 * the OAuth endpoints, a JSON:API error on the store API. Nothing internal reaches a response body.
 */
package dev.keyward.web.problem;
