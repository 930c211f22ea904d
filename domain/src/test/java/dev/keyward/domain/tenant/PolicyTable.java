package dev.keyward.domain.tenant;

import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.member.MemberRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The presets side by side as a Markdown table, the one in the README's "Policies" section. Every cell is
 * written from a preset's settings (and the permissions rule asked of a policy built from them), so a change to
 * a preset shows up as a change to this table, and the README's copy is checked against it.
 */
final class PolicyTable {

    private record Row(String rule, Function<PolicyPreset, String> cell) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("what a credential is", p -> p.settings().credentialKind() == CredentialKind.EUID_KEY
                    ? "an EUID key: API key (bearer) and client secret (encrypts each request)" : "an OAuth client: client ID and secret"),
            new Row("who holds credentials", p -> people(p.settings().holders())),
            new Row("whose credentials they are",
                    p -> p.settings().ownership() == CredentialOwnership.TENANT ? "the tenant's, not their creator's" : "the member's"),
            new Row("how many", p -> p.settings().oneActivePerMember() && p.settings().ownership() == CredentialOwnership.MEMBER
                    ? "one active each" : "as many as needed"),
            new Row("permissions", PolicyTable::permissions),
            new Row("environments", PolicyTable::environments),
            new Row("credential lifetime", p -> p.settings().credentialLifetimeDays() == null
                    ? "no expiry" : p.settings().credentialLifetimeDays() + " days"),
            new Row("token lifetime", p -> p.settings().credentialKind() == CredentialKind.EUID_KEY
                    ? "no access tokens" : p.settings().tokenLifetime().toSeconds() + " s"),
            new Row("who sees and changes others' credentials", p -> p.settings().ownerOnlyChanges()
                    ? people(p.settings().overseers()) + " see; only the owner changes or revokes"
                    : people(p.settings().overseers())),
            new Row("removing a member", p -> p.settings().revokeOnMemberRemoval() ? "revokes their credentials" : "keeps the keys"),
            new Row("federated logins", p -> p.settings().denyFederatedLogins() ? "may not generate" : "may generate"),
            new Row("owner's MFA enabled", p -> p.settings().denyWhenOwnerHasMfa() ? "credentials stop working" : "no effect"),
            new Row("who manages members", p -> people(p.settings().memberManagers())),
            new Row("implicit tokens (client ID only)", p -> p.settings().implicitTokensEnabled() ? "read the live storefront" : "none"),
            new Row("admins' MFA login to create or rotate", p -> p.defaultFreshMfaMinutes() == null
                    ? "not asked" : "no older than " + p.defaultFreshMfaMinutes() + " minutes"));

    private PolicyTable() {
    }

    /** The table, one line a row, ending with a line break. */
    static String markdown() {
        List<PolicyPreset> presets = Arrays.asList(PolicyPreset.values());
        StringBuilder table = new StringBuilder("| rule |");
        presets.forEach(p -> table.append(" `").append(p.slug()).append("` |"));
        table.append('\n').append("|---|").append("---|".repeat(presets.size())).append('\n');
        for (Row row : ROWS) {
            table.append("| ").append(row.rule()).append(" |");
            presets.forEach(p -> table.append(' ').append(row.cell().apply(p)).append(" |"));
            table.append('\n');
        }
        return table.toString();
    }

    /** Asked of the rule itself ({@link CredentialPolicy#permissionsFor}), role by role, rather than restated. */
    private static String permissions(PolicyPreset preset) {
        if (preset.settings().permissionsChosen()) {
            return "chosen per credential from " + Permission.catalogue(preset.settings().credentialKind()).stream()
                    .map(p -> "`" + p + "`").collect(Collectors.joining(", "));
        }
        CredentialPolicy policy = preset.newPolicy();
        Set<MemberRole> everything = EnumSet.noneOf(MemberRole.class);
        List<String> less = new ArrayList<>();
        for (MemberRole role : preset.settings().holders()) {
            Set<Permission> carried = policy.permissionsFor(role, null);
            if (carried.containsAll(Permission.allOf(preset.settings().credentialKind()))) {
                everything.add(role);
            } else {
                Set<Permission> missing = Permission.allOf(preset.settings().credentialKind());
                missing.removeAll(carried);
                less.add(plural(role) + " all but " + missing.stream()
                        .map(p -> "`" + p.scope() + "`").collect(Collectors.joining(", ")));
            }
        }
        if (less.isEmpty()) {
            return "everything";
        }
        List<String> parts = new ArrayList<>();
        if (!everything.isEmpty()) {
            parts.add(people(everything) + " everything");
        }
        parts.addAll(less);
        return "from the role: " + String.join(", ", parts);
    }

    private static String environments(PolicyPreset preset) {
        List<String> named = preset.defaultEnvironments().stream().map(e -> "`" + e + "`").toList();
        if (named.size() == 1) {
            return "one (" + named.get(0) + ")";
        }
        return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1)
                + (preset.settings().environmentRequired() ? ", named per credential" : ", the first unless one is named");
    }

    /** Roles for people reading the README: "super admins and admins", or "every member" where every role holds it. */
    private static String people(Set<MemberRole> roles) {
        if (roles.containsAll(EnumSet.allOf(MemberRole.class))) {
            return "every member";
        }
        return roles.stream().map(PolicyTable::plural).collect(Collectors.joining(" and "));
    }

    private static String plural(MemberRole role) {
        return role.slug().replace('-', ' ') + "s";
    }
}
