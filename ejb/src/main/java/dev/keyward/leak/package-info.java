/**
 * Leaked secrets: reports from secret scanners (GitHub's partner program, GitLab's token revocation API) and from anyone
 * (the public bulk endpoint). Every Keyward secret kind is recognised offline by its prefix and checksum (an access token
 * by its signature) before any lookup; a real one is revoked at once, with its tokens, and the report is audited.
 */
package dev.keyward.leak;
