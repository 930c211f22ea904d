/** Who is calling: the verified Keycloak token turned into a {@link dev.keyward.access.Caller}, and the body-size limit. */
package dev.keyward.web.security;
