/** Tenants: created by operators with a policy preset and a first team, read by their members. */
package dev.keyward.tenant;
