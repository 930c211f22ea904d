/** The platform's own keys, for operators: the master keys that seal recoverable secrets. */
package dev.keyward.web.platform;
