/**
 * The platform's own keys, for operators (the master keys that seal recoverable secrets), and what every request
 * passes through before its resource: Keyward's limits on its head ({@link dev.keyward.web.platform.RequestLimits})
 * and its ID ({@link dev.keyward.web.platform.RequestIds}).
 */
package dev.keyward.web.platform;
