package dev.keyward.domain.notice;

import dev.keyward.domain.shared.Attempts;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One message in the outbox: written with the change it tells of (so it exists exactly when the change does), delivered
 * afterwards by the server holding the delivery lease, with the {@link Attempts} of every outbox (from 30 seconds up to
 * an hour between them, for a day).
 */
@Entity
@Table(name = "notice")
@NamedQuery(name = Notice.DUE, query = "select n.id from Notice n where n.attempts.deliveredAt is null and n.attempts.givenUpAt is null"
        + " and n.attempts.nextAttemptAt <= :now order by n.attempts.nextAttemptAt")
public class Notice {

    public static final String DUE = "Notice.due";
    /** How long a notice is tried before it is given up. */
    public static final Duration TRIED_FOR = Attempts.TRIED_FOR;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);

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

    @Embedded
    private Attempts attempts;

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
        this.attempts = Attempts.dueAt(now);
    }

    public boolean isDue(Instant now) {
        return attempts.isDue(now);
    }

    public void delivered(Instant now) {
        attempts.delivered(now);
    }

    /** An attempt failed: tried again after {@link #FIRST_WAIT}, then twice as long each time, for a day. */
    public void failed(Instant now, String error) {
        attempts.failed(now, createdAt, FIRST_WAIT, error);
    }

    public String id() { return id; }
    public String tenantId() { return tenantId; }
    public String recipient() { return recipient; }
    public String subject() { return subject; }
    public String body() { return body; }
    public Instant createdAt() { return createdAt; }
    public int attempts() { return attempts.count(); }
    public Instant nextAttemptAt() { return attempts.nextAttemptAt(); }
    public Instant deliveredAt() { return attempts.deliveredAt(); }
    public Instant givenUpAt() { return attempts.givenUpAt(); }
    public String lastError() { return attempts.lastError(); }
}
