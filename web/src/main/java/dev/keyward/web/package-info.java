/**
 * The web boundary: one JAX-RS application for the management API ({@code /api/v1}), the OAuth endpoints
 * ({@code /oauth}), the store API ({@code /v2}) and the console ({@code /console}). Resources stay thin: they
 * turn requests into calls on the boundary EJBs and entities into wire records; each says which surface it
 * belongs to (see {@link dev.keyward.web.surface}).
 */
package dev.keyward.web;
