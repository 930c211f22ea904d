package dev.keyward.domain.audit;

import java.util.Locale;

/** What happened. The slug is what the API shows ({@code credential.created}). */
public enum AuditAction {
    TENANT_CREATED,
    TENANT_LIMIT_CHANGED("tenant.rate-limit-changed"),
    /** What the tenant asks of DPoP changed: bound tokens required or not, server nonces or not. */
    TENANT_DPOP_CHANGED("tenant.dpop-changed"),
    MEMBER_ADDED,
    MEMBER_ROLE_CHANGED,
    MEMBER_REMOVED,
    MEMBER_SUSPENDED,
    MEMBER_RESTORED,
    MEMBER_MFA_CHANGED,
    INVITATION_CREATED,
    INVITATION_RESENT,
    INVITATION_ACCEPTED,
    INVITATION_CANCELLED,
    INVITATION_EXPIRED,
    CREDENTIAL_CREATED,
    CREDENTIAL_ROTATED,
    CREDENTIAL_DISABLED,
    CREDENTIAL_ENABLED,
    CREDENTIAL_REVOKED,
    /** Revoked in an emergency by someone the policy would not otherwise let: an operator or a super admin, with a reason. */
    CREDENTIAL_BREAK_GLASS_REVOKED("credential.break-glass-revoked"),
    CREDENTIAL_EXPIRED,
    /** The owner was told that the credential expires soon (keyward.notices.expiry-days). */
    CREDENTIAL_EXPIRING,
    CREDENTIAL_LIMIT_CHANGED("credential.rate-limit-changed"),
    CREDENTIAL_PERMISSIONS_CHANGED("credential.permissions-changed"),
    /** Failed authentications with a credential's client ID, counted over an interval: one event, not one per attempt. */
    CREDENTIAL_AUTH_FAILURES("credential.authentication-failures"),
    /** A scanner (or anyone) reported a Keyward secret found in public: the event names who reported it and where it was. */
    LEAK_REPORTED("leak.reported"),
    POLICY_REFUSED,
    TOKEN_REVOKED,
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    PRODUCT_DELETED,
    CUSTOMER_CREATED,
    CUSTOMER_UPDATED,
    ADDRESS_CREATED,
    ADDRESS_UPDATED,
    ADDRESS_DELETED,
    ORDER_CREATED,
    WEBHOOK_CREATED,
    WEBHOOK_DELETED,
    SIGNING_KEY_CREATED("signing-key.created"),
    SIGNING_KEY_ROTATED("signing-key.rotated"),
    MASTER_KEY_CREATED("master-key.created"),
    /** Sealed secrets moved onto the current master key by the background re-wrap: one event a run, with how many. */
    MASTER_KEY_REWRAPPED("master-key.rewrapped"),
    MASTER_KEY_REMOVED("master-key.removed");

    private final String slug;

    AuditAction() {
        this.slug = name().toLowerCase(Locale.ROOT).replaceFirst("_", ".").replace('_', '-');
    }

    AuditAction(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
