/**
 * Keyward's HTTP surfaces by type: the management API, the OAuth endpoints and the store API, each a
 * name-binding annotation on its resources. The annotations bind each surface's authentication filter, and the
 * recorded {@link dev.keyward.web.surface.Surface} picks the wire format of its errors.
 */
package dev.keyward.web.surface;
