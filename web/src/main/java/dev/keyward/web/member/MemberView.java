package dev.keyward.web.member;

import dev.keyward.domain.member.TeamMember;
import java.time.Instant;
import java.util.Locale;

/** A team member; {@code status} is {@code suspended} while Keycloak says they may not use credentials. */
public record MemberView(String id, String subject, String username, String email, String role, String status,
                         String suspension, boolean mfaEnabled, Instant addedAt) {

    public static MemberView of(TeamMember m) {
        return new MemberView(m.id(), m.subject(), m.username(), m.email(), m.role().slug(),
                m.isActive() && m.suspended() ? "suspended" : m.status().name().toLowerCase(Locale.ROOT),
                m.isActive() ? m.suspension() : null, m.mfaEnabled(), m.addedAt());
    }
}
