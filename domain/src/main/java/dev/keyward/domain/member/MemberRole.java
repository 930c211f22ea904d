package dev.keyward.domain.member;

import dev.keyward.domain.shared.DomainException;

/** A member's role in a tenant; each policy says what each role may do. */
public enum MemberRole {
    SUPER_ADMIN("super-admin"), ADMIN("admin"), MEMBER("member");

    private final String slug;

    MemberRole(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static MemberRole fromSlug(String slug) {
        for (MemberRole r : values()) {
            if (r.slug.equals(slug)) {
                return r;
            }
        }
        throw DomainException.invalid("unknown-role", "Unknown role '" + slug + "'; known: super-admin, admin, member.");
    }
}
