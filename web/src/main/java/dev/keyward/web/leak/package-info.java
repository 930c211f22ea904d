/**
 * {@code /leaks}: where secret scanners report Keyward secrets found in public (GitHub's partner program, GitLab's token
 * revocation API) and where anyone may hand in secrets to revoke.
 */
package dev.keyward.web.leak;
