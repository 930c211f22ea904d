package dev.keyward.domain.notice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One message in the outbox: written with the change it tells of (so it exists exactly when the change does), delivered
 * afterwards by the server holding the delivery lease. A failed attempt is tried again later, each wait twice the last
 * (from 30 seconds up to an hour), for 24 hours; then the notice is given up and says why.
 */
@Entity
@Table(name = "notice")
@NamedQuery(name = Notice.DUE, query = "select n.id from Notice n where n.deliveredAt is null and n.givenUpAt is null"
        + " and n.nextAttemptAt <= :now order by n.nextAttemptAt")
public class Notice {

    public static final String DUE = "Notice.due";
    /** How long a notice is tried before it is given up. */
    public static final Duration TRIED_FOR = Duration.ofHours(24);
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "tenant_id", length = 36)
    private String tenantId;

    @Column(nullable = false, length = 320)
    private String recipient;

    @Column(nullable = false, length = 200)
    private String subject;

    @Column(nullable = false, length = 4000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "given_up_at")
    private Instant givenUpAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected Notice() {
    }

    /** A mail to {@code recipient}, due at once. */
    public Notice(String tenantId, String recipient, String subject, String body, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.recipient = recipient;
        this.subject = subject.length() <= 200 ? subject : subject.substring(0, 197) + "...";
        this.body = body.length() <= 4000 ? body : body.substring(0, 3997) + "...";
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public boolean isDue(Instant now) {
        return deliveredAt == null && givenUpAt == null && !nextAttemptAt.isAfter(now);
    }

    public void delivered(Instant now) {
        attempts++;
        deliveredAt = now;
        lastError = null;
    }

    /** An attempt failed: wait longer, or give up once the notice has been tried for {@link #TRIED_FOR}. */
    public void failed(Instant now, String error) {
        attempts++;
        lastError = error == null ? null : error.length() <= 500 ? error : error.substring(0, 497) + "...";
        if (!now.isBefore(createdAt.plus(TRIED_FOR))) {
            givenUpAt = now;
            return;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String recipient() { return recipient; }
    public String subject() { return subject; }
    public String body() { return body; }
    public Instant createdAt() { return createdAt; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public Instant deliveredAt() { return deliveredAt; }
    public Instant givenUpAt() { return givenUpAt; }
    public String lastError() { return lastError; }
}
