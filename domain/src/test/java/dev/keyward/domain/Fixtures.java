package dev.keyward.domain;

import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.credential.StoredSecret;
import dev.keyward.domain.member.MemberRole;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.tenant.PolicyPreset;
import dev.keyward.domain.tenant.Tenant;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/** Small builders for domain tests: a fixed clock and a tenant of each preset. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private Fixtures() {
    }

    public static Tenant tenant(PolicyPreset preset) {
        return new Tenant("t-" + preset.slug(), "Tenant " + preset.slug(), preset, null, NOW);
    }

    public static TeamMember member(Tenant tenant, String username, MemberRole role) {
        return new TeamMember(tenant, "sub-" + username, username, username + "@example.test", role, NOW);
    }

    /** A hash whose bytes are all {@code b}: enough to tell secrets apart in tests. */
    public static StoredSecret hash(int b) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) b);
        return new StoredSecret(HexFormat.of().formatHex(bytes), "kws_…" + b);
    }

    public static byte[] raw(int b) {
        return HexFormat.of().parseHex(hash(b).hash());
    }

    public static ClientCredential credential(Tenant tenant, TeamMember owner, Instant expiresAt) {
        return credential(tenant, owner, owner, expiresAt);
    }

    /** A credential made by {@code creator}; {@code owner} is null where the tenant owns its credentials. */
    public static ClientCredential credential(Tenant tenant, TeamMember owner, TeamMember creator, Instant expiresAt) {
        return new ClientCredential(tenant, "kwc_test", "laptop", tenant.environments().get(0),
                Set.of(Permission.PRODUCTS_READ), owner, creator, hash(1), NOW, expiresAt, tenant.policy().activeSlotFor(owner));
    }
}
