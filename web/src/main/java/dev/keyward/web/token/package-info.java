/** The OAuth endpoints: {@code /oauth/access_token} and the key set that verifies its tokens. */
package dev.keyward.web.token;
