package dev.keyward.domain.member;

import java.util.Locale;

/** PENDING turns into one of the others, which are final. A pending invitation past its expiry reads EXPIRED. */
public enum InvitationStatus {
    PENDING, ACCEPTED, EXPIRED, CANCELLED;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
