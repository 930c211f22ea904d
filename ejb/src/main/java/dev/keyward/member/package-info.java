/**
 * Team members: who belongs to which tenant with which role, looked up in Keycloak, which owns every
 * person's login; and the caller of each request, as Keycloak's token describes them.
 */
package dev.keyward.member;
