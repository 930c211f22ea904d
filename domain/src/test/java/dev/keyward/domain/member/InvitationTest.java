package dev.keyward.domain.member;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvitationTest {

    static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    Tenant tenant = new Tenant("shop", "Shop", PolicyPreset.ELASTIC_PATH, null, NOW);

    Invitation invitation() {
        return new Invitation(tenant, "  Nina@Example.TEST ", MemberRole.MEMBER, "sub-nina", "alice", NOW, WEEK);
    }

    @Test
    void addressesAreNormalisedAndNonsenseRefused() {
        assertEquals("nina@example.test", invitation().email());
        assertThrows(DomainException.class, () -> Invitation.normalise("not-an-address"));
        assertThrows(DomainException.class, () -> Invitation.normalise("a@b"));
        assertThrows(DomainException.class, () -> Invitation.normalise("<script>@x.test"), "Keycloak refuses it: so do we, before asking");
        assertThrows(DomainException.class, () -> Invitation.normalise("nul\u0000@x.test"));
        assertThrows(DomainException.class, () -> Invitation.normalise("a..b@x.test"));
        assertEquals("o'brien+keys@mail.example.test", Invitation.normalise(" O'Brien+Keys@Mail.Example.test "));
    }

    @Test
    void pendingUntilItsWeekIsOverThenExpiredAndSettled() {
        Invitation i = invitation();
        assertEquals(InvitationStatus.PENDING, i.statusAt(NOW.plus(WEEK).minusSeconds(1)));
        assertEquals(InvitationStatus.EXPIRED, i.statusAt(NOW.plus(WEEK)));
        assertFalse(i.settleExpiry(NOW.plusSeconds(60)));
        assertTrue(i.settleExpiry(NOW.plus(WEEK).plusSeconds(1)));
        DomainException late = assertThrows(DomainException.class, () -> i.accept(NOW.plus(WEEK).plusSeconds(2)));
        assertEquals("invitation-expired", late.type());
    }

    @Test
    void aResendGivesAFreshWeekAndAcceptingOrCancellingIsFinal() {
        Invitation i = invitation();
        i.sent(NOW, WEEK);
        i.sent(NOW.plus(Duration.ofDays(6)), WEEK);
        assertEquals(2, i.sendCount());
        assertEquals(NOW.plus(Duration.ofDays(13)), i.expiresAt());

        i.accept(NOW.plus(Duration.ofDays(8)));
        assertEquals(InvitationStatus.ACCEPTED, i.statusAt(NOW.plus(Duration.ofDays(30))), "an accepted invitation never expires");
        assertThrows(DomainException.class, () -> i.cancel(NOW.plus(Duration.ofDays(9))));

        Invitation other = invitation();
        other.cancel(NOW);
        assertThrows(DomainException.class, () -> other.sent(NOW, WEEK));
    }
}
