package dev.keyward.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of one audit chain: its last place and hash. Writers lock this row before they append, so two
 * transactions writing to one chain take turns and the chain never forks, on one server or on many.
 */
@Entity
@Table(name = "audit_chain")
public class AuditChainHead {

    @Id
    @Column(name = "chain_id", length = 36)
    private String chainId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditChainHead() {
    }

    /** A chain with no event yet. */
    public AuditChainHead(String chainId) {
        this.chainId = chainId;
        this.lastSeq = 0;
        this.lastHash = AuditChain.GENESIS;
    }

    /** Links the event after the last one, and becomes its head. */
    public void append(AuditEvent event) {
        if (!chainId.equals(event.chainId())) {
            throw new IllegalArgumentException("event of chain " + event.chainId() + " appended to chain " + chainId);
        }
        event.link(lastSeq + 1, lastHash);
        lastSeq = event.chainSeq();
        lastHash = event.hash();
    }

    public String chainId() { return chainId; }
    public long lastSeq() { return lastSeq; }
    public String lastHash() { return lastHash; }
}
