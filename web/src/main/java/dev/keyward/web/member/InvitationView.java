package dev.keyward.web.member;

import dev.keyward.domain.member.Invitation;
import java.time.Instant;

/** An invitation as a tenant's member managers see it. */
public record InvitationView(String id, String email, String role, String status, String invitedBy, Instant createdAt,
                             Instant expiresAt, Instant sentAt, int sendCount, Instant closedAt) {

    public static InvitationView of(Invitation i, Instant now) {
        return new InvitationView(i.id(), i.email(), i.role().slug(), i.statusAt(now).slug(), i.invitedBy(), i.createdAt(),
                i.expiresAt(), i.sentAt(), i.sendCount(), i.closedAt());
    }
}
