package dev.keyward.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where store data lives: a tenant and one of its environments. Every store query carries both, so a token
 * for {@code integration} never reads {@code production} data, and no tenant reads another's.
 */
@Embeddable
public class TenantEnvironment {

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(nullable = false, length = 32)
    private String environment;

    protected TenantEnvironment() {
    }

    public TenantEnvironment(String tenantId, String environment) {
        this.tenantId = tenantId;
        this.environment = environment;
    }

    public String tenantId() { return tenantId; }
    public String environment() { return environment; }
}
