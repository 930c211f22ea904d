/** The keys that sign Keyward's tokens, and the rules of their rotation. */
package dev.keyward.domain.token;
