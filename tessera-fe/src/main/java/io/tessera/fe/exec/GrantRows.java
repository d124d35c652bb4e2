package io.tessera.fe.exec;

import io.tessera.fe.auth.Account;
import io.tessera.fe.auth.AccountName;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.GrantScope;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.PrivilegeGrants;
import io.tessera.fe.auth.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows of SHOW GRANTS (Doris's auth proc, 15 columns) and SHOW ROLES (13 columns), in
 * Doris's formats: privilege sets as display names joined by {@code ,} in bit order, levels as
 * {@code <object>: <privs>} joined by {@code ; }, an empty column as NULL. Every account also
 * shows what Doris's per-user default role gives it: SELECT on {@code information_schema} and
 * {@code mysql}, USAGE on workload group {@code normal}.
 *
 * <p>Threading: pure functions of an immutable image; safe from any thread.
 */
final class GrantRows {
    static final List<String> GRANT_TITLES = List.of("UserIdentity", "Comment", "Password", "Roles", "GlobalPrivs",
            "CatalogPrivs", "DatabasePrivs", "TablePrivs", "ColPrivs", "ResourcePrivs", "CloudClusterPrivs",
            "CloudStagePrivs", "StorageVaultPrivs", "WorkloadGroupPrivs", "ComputeGroupPrivs");
    static final List<String> ROLE_TITLES = List.of("Name", "Comment", "Users", "GlobalPrivs", "CatalogPrivs",
            "DatabasePrivs", "TablePrivs", "ResourcePrivs", "CloudClusterPrivs", "CloudStagePrivs",
            "StorageVaultPrivs", "WorkloadGroupPrivs", "ComputeGroupPrivs");
    private static final String DEFAULT_WORKLOAD_GROUP = "normal: Usage_priv";

    private GrantRows() {
    }

    /** One SHOW GRANTS row. */
    static List<String> account(Accounts.Image image, Account account) {
        PrivilegeGrants grants = image.effectiveGrants(account);
        Map<String, Set<Privilege>> databases = new TreeMap<>();
        for (String readable : Accounts.DEFAULT_READABLE_DATABASES) {
            databases.put(readable, EnumSet.of(Privilege.SELECT));
        }
        Map<String, Set<Privilege>> tables = new TreeMap<>();
        grants.byScope().forEach((scope, privileges) -> {
            if (scope.databaseLevel()) {
                databases.computeIfAbsent(scope.database(), db -> EnumSet.noneOf(Privilege.class)).addAll(privileges);
            } else if (!scope.global()) {
                tables.computeIfAbsent(scope.database() + "." + scope.table(),
                        table -> EnumSet.noneOf(Privilege.class)).addAll(privileges);
            }
        });
        return Arrays.asList(account.name().toString(), account.comment(), account.hasPassword() ? "Yes" : "No",
                String.join(",", account.roles()), privilegesOrNull(grants.on(GrantScope.GLOBAL)), null,
                levels(databases), levels(tables), null, null, null, null, null, DEFAULT_WORKLOAD_GROUP, null);
    }

    /** One SHOW ROLES row: levels by Doris's raw pattern text ({@code internal.db.*}). */
    static List<String> role(Accounts.Image image, Role role) {
        String users = image.accounts().values().stream().filter(account -> account.roles().contains(role.name()))
                .map(Account::name).map(AccountName::toString).collect(Collectors.joining(", "));
        Map<String, Set<Privilege>> databases = new TreeMap<>();
        Map<String, Set<Privilege>> tables = new TreeMap<>();
        role.grants().byScope().forEach((scope, privileges) -> {
            if (scope.databaseLevel()) {
                databases.put(scope.toString(), privileges);
            } else if (!scope.global()) {
                tables.put(scope.toString(), privileges);
            }
        });
        return Arrays.asList(role.name(), role.comment(), users,
                privilegesOrNull(role.grants().on(GrantScope.GLOBAL)), null, levelsRaw(databases), levelsRaw(tables),
                null, null, null, null, null, null);
    }

    static String privileges(Set<Privilege> privileges) {
        return EnumSet.copyOf(privileges).stream().map(Privilege::displayName).collect(Collectors.joining(","));
    }

    private static String privilegesOrNull(Set<Privilege> privileges) {
        return privileges.isEmpty() ? null : privileges(privileges);
    }

    /** {@code internal.<object>: <privs>} joined by {@code ; }, or null. */
    private static String levels(Map<String, Set<Privilege>> byObject) {
        List<String> parts = new ArrayList<>();
        byObject.forEach((object, privileges) -> parts.add("internal." + object + ": " + privileges(privileges)));
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String levelsRaw(Map<String, Set<Privilege>> byPattern) {
        List<String> parts = new ArrayList<>();
        byPattern.forEach((pattern, privileges) -> parts.add(pattern + ": " + privileges(privileges)));
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
