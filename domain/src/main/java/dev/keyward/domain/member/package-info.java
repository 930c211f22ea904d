/**
 * Team members: a Keycloak user's place in a tenant, with a role. Keyward keeps the Keycloak subject and
 * never a password.
 */
package dev.keyward.domain.member;
