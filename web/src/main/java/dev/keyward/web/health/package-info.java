/**
 * Whether this server should get traffic: MicroProfile Health checks, answered on Keyward's own port at
 * {@code /health/live} and {@code /health/ready} (where a load balancer looks) and by WildFly on the management port at
 * {@code /health}. Ready means the database answers; Keycloak being away is reported as degraded but keeps the server
 * ready, since the token plane works from what it keeps.
 */
package dev.keyward.web.health;
