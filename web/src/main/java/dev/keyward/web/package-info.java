/**
 * The web boundary: one JAX-RS application for the management API ({@code /api/v1}) and the OAuth
 * endpoints ({@code /oauth}). Resources stay thin: they turn requests into calls on the boundary EJBs
 * and entities into wire records.
 */
package dev.keyward.web;
