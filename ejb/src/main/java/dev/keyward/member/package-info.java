/**
 * Team members: who belongs to which tenant with which role, looked up in Keycloak, which owns every person's
 * login; invitations; and following Keycloak (its event feeds and a periodic reconciliation), so that a person
 * disabled, deleted or changed there is changed here within seconds.
 */
package dev.keyward.member;
