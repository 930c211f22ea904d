/** {@code /api/v1/tenants/{slug}/credentials}: the credential lifecycle over HTTP. */
package dev.keyward.web.credential;
