/** {@code /api/v1/me} and {@code /api/v1/tenants/{slug}/members}. */
package dev.keyward.web.member;
