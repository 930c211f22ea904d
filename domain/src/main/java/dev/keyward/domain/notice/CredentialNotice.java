package dev.keyward.domain.notice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * That a credential's owner was told something once only (that it expires within 7 days, say): the row is the memory
 * that keeps the notice from being sent again, on this server or another. Its key is the credential and the kind.
 */
@Entity
@Table(name = "credential_notice")
public class CredentialNotice {

    @Id
    @Column(length = 80)
    private String id;

    @Column(name = "credential_id", nullable = false, length = 36)
    private String credentialId;

    @Column(nullable = false, length = 32)
    private String kind;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected CredentialNotice() {
    }

    public CredentialNotice(String credentialId, String kind, Instant now) {
        this.id = key(credentialId, kind);
        this.credentialId = credentialId;
        this.kind = kind;
        this.sentAt = now;
    }

    public static String key(String credentialId, String kind) {
        return credentialId + ":" + kind;
    }

    public String credentialId() { return credentialId; }
    public String kind() { return kind; }
}
