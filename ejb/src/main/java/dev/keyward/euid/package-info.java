/**
 * The EUID participant plane (seed 002): the operator's endpoints under {@code /euid}, where a key's API key is the
 * bearer and its client secret encrypts every request and response, identity mapping on salted buckets, and EUID tokens.
 */
package dev.keyward.euid;
