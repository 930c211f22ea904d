package dev.keyward.web.member;

import dev.keyward.domain.member.TeamMember;
import java.time.Instant;

public record MemberView(String id, String subject, String username, String email, String role, String status,
                         Instant addedAt) {

    public static MemberView of(TeamMember m) {
        return new MemberView(m.id(), m.subject(), m.username(), m.email(), m.role().slug(),
                m.status().name().toLowerCase(java.util.Locale.ROOT), m.addedAt());
    }
}
