package io.tessera.fe.auth;

import io.tessera.proto.journal.PrivilegeGrant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The privileges one account or role holds directly, by scope. Immutable: {@link #plus} and
 * {@link #minus} return new values. A scope with no privilege left is removed.
 */
public record PrivilegeGrants(Map<GrantScope, Set<Privilege>> byScope) {
    public static final PrivilegeGrants NONE = new PrivilegeGrants(Map.of());

    public PrivilegeGrants {
        Map<GrantScope, Set<Privilege>> copy = new TreeMap<>();
        byScope.forEach((scope, privileges) -> {
            if (!privileges.isEmpty()) {
                copy.put(scope, Set.copyOf(EnumSet.copyOf(privileges)));
            }
        });
        byScope = Collections.unmodifiableMap(copy);
    }

    public static PrivilegeGrants global(Privilege... privileges) {
        return NONE.plus(GrantScope.GLOBAL, List.of(privileges));
    }

    /** The privileges held exactly at {@code scope}, in bit order. */
    public Set<Privilege> on(GrantScope scope) {
        Set<Privilege> held = byScope.get(scope);
        return held == null ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(held);
    }

    public boolean has(GrantScope scope) {
        return byScope.containsKey(scope);
    }

    public PrivilegeGrants plus(GrantScope scope, Collection<Privilege> privileges) {
        Map<GrantScope, Set<Privilege>> next = new TreeMap<>(byScope);
        Set<Privilege> held = on(scope);
        held.addAll(privileges);
        next.put(scope, held);
        return new PrivilegeGrants(next);
    }

    public PrivilegeGrants minus(GrantScope scope, Collection<Privilege> privileges) {
        Map<GrantScope, Set<Privilege>> next = new TreeMap<>(byScope);
        Set<Privilege> held = on(scope);
        held.removeAll(privileges);
        next.put(scope, held);
        return new PrivilegeGrants(next);
    }

    /** Whether a privilege held at some scope covers {@code database}.{@code table} (empty: all). */
    public boolean covers(Privilege privilege, String database, String table) {
        return byScope.entrySet().stream()
                .anyMatch(entry -> entry.getValue().contains(privilege) && entry.getKey().covers(database, table));
    }

    public List<PrivilegeGrant> toRecords() {
        return byScope.entrySet().stream().map(entry -> PrivilegeGrant.newBuilder()
                .setDatabase(entry.getKey().database()).setTable(entry.getKey().table())
                .addAllPrivileges(EnumSet.copyOf(entry.getValue()).stream().map(Privilege::name).toList())
                .build()).toList();
    }

    public static PrivilegeGrants fromRecords(List<PrivilegeGrant> records) {
        Map<GrantScope, Set<Privilege>> byScope = new TreeMap<>();
        for (PrivilegeGrant grant : records) {
            byScope.put(new GrantScope(grant.getDatabase(), grant.getTable()), grant.getPrivilegesList().stream()
                    .map(Privilege::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Privilege.class))));
        }
        return new PrivilegeGrants(byScope);
    }
}
