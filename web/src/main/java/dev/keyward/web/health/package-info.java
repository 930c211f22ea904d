/** {@code /health/live} and {@code /health/ready} on Keyward's own port, for load balancers and orchestrators. */
package dev.keyward.web.health;
