package io.tessera.fe.auth;

import io.tessera.common.BatchedState;
import io.tessera.fe.meta.JournaledState;
import io.tessera.fe.meta.StateImage;
import io.tessera.proto.journal.DropRoleRecord;
import io.tessera.proto.journal.DropUserRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Users, roles, grants and user properties: hard state, replayed from {@code UserAccountRecord},
 * {@code RoleRecord} and {@code UserPropertyRecord} upserts and the drops, and kept in metadata
 * snapshots. A user name's properties go with its last account.
 * {@link AccountChanges} generates the records. Doris's built-ins are part of the empty state, so a
 * fresh FE has them: {@code 'root'@'%'} with role {@code operator} (NODE and ADMIN) and
 * {@code 'admin'@'%'} with role {@code admin} (ADMIN only), both without a password.
 *
 * <p>Threading: replays on the journal apply thread; readers on any thread see the last published
 * {@link Image} (immutable), never half a batch.
 */
public final class Accounts implements JournaledState {
    public static final String ROOT = "root";
    public static final String ADMIN = "admin";
    public static final String OPERATOR_ROLE = "operator";
    public static final String ADMIN_ROLE = "admin";
    /** Databases every account may read, as Doris's per-user default role grants. */
    public static final List<String> DEFAULT_READABLE_DATABASES = List.of("information_schema", "mysql");

    /** Every account, role and user name's properties. Immutable. */
    public record Image(Map<AccountName, Account> accounts, Map<String, Role> roles,
                        Map<String, UserProperties> properties) implements StateImage {
        public static final Image BUILT_IN = new Image(
                Map.of(new AccountName(ROOT, "%"), new Account(new AccountName(ROOT, "%"), new byte[0], "ROOT",
                                List.of(OPERATOR_ROLE), PrivilegeGrants.NONE),
                        new AccountName(ADMIN, "%"), new Account(new AccountName(ADMIN, "%"), new byte[0], "ADMIN",
                                List.of(ADMIN_ROLE), PrivilegeGrants.NONE)),
                Map.of(OPERATOR_ROLE, new Role(OPERATOR_ROLE, "", PrivilegeGrants.global(Privilege.NODE, Privilege.ADMIN)),
                        ADMIN_ROLE, new Role(ADMIN_ROLE, "", PrivilegeGrants.global(Privilege.ADMIN))));

        public Image {
            accounts = Collections.unmodifiableMap(new TreeMap<>(accounts));
            roles = Collections.unmodifiableMap(new TreeMap<>(roles));
            properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        }

        /** Accounts and roles, no user properties. */
        public Image(Map<AccountName, Account> accounts, Map<String, Role> roles) {
            this(accounts, roles, Map.of());
        }

        /** Whether some account has this user name (on any host). */
        public boolean userExists(String user) {
            return accounts.keySet().stream().anyMatch(name -> name.user().equals(user));
        }

        /** The user name's own {@code max_user_connections}, if SET PROPERTY gave one. */
        public OptionalLong maxUserConnections(String user) {
            UserProperties set = properties.get(user);
            return set == null ? OptionalLong.empty() : set.maxConnections();
        }

        public Optional<Account> account(AccountName name) {
            return Optional.ofNullable(accounts.get(name));
        }

        public Optional<Role> role(String name) {
            return Optional.ofNullable(roles.get(name));
        }

        /** The account a login of {@code user} from {@code clientHost} uses: the most specific match. */
        public Optional<Account> matching(String user, String clientHost) {
            return accounts.values().stream()
                    .filter(account -> account.name().user().equals(user)
                            && HostPattern.matches(account.name().host(), clientHost))
                    .min(Comparator.comparing(account -> account.name().host(), HostPattern.MOST_SPECIFIC_FIRST));
        }

        /**
         * Whether the account holds the privilege on {@code database.table} (empty: all), itself or by
         * a role. ADMIN implies every privilege on every object but NODE, as in Doris (whose privilege
         * predicates all list ADMIN_PRIV, except OPERATOR).
         */
        public boolean holds(Account account, Privilege privilege, String database, String table) {
            if (privilege != Privilege.NODE && privilege != Privilege.ADMIN
                    && holdsGranted(account, Privilege.ADMIN, "", "")) {
                return true;
            }
            return holdsGranted(account, privilege, database, table);
        }

        /**
         * Whether the account holds any data privilege (SELECT, LOAD, ALTER, CREATE, DROP, or ADMIN)
         * on the database or on one of its tables: Doris's SHOW predicate, which decides whether a
         * user may see, use or learn anything about a database.
         */
        public boolean holdsAnyOnDatabase(Account account, String database) {
            if (holds(account, Privilege.SELECT, database, "")) {
                return true;
            }
            return Stream.concat(Stream.of(account.grants()),
                            account.roles().stream().map(roles::get).filter(Objects::nonNull).map(Role::grants))
                    .flatMap(grants -> grants.byScope().entrySet().stream())
                    .anyMatch(entry -> (entry.getKey().global() || entry.getKey().database().equals(database))
                            && entry.getValue().stream().anyMatch(Privilege::showsObjects));
        }

        /** Whether the account holds any data privilege on the table (or its database, or globally). */
        public boolean holdsAnyOnTable(Account account, String database, String table) {
            for (Privilege privilege : Privilege.values()) {
                if (privilege.showsObjects() && holds(account, privilege, database, table)) {
                    return true;
                }
            }
            return false;
        }

        private boolean holdsGranted(Account account, Privilege privilege, String database, String table) {
            if (account.grants().covers(privilege, database, table)) {
                return true;
            }
            if (privilege == Privilege.SELECT && DEFAULT_READABLE_DATABASES.contains(database)) {
                return true;
            }
            return account.roles().stream().map(roles::get).filter(Objects::nonNull)
                    .anyMatch(role -> role.grants().covers(privilege, database, table));
        }

        /** The account's own grants merged with its roles', as SHOW GRANTS lists them. */
        public PrivilegeGrants effectiveGrants(Account account) {
            PrivilegeGrants merged = account.grants();
            for (String roleName : account.roles()) {
                Role role = roles.get(roleName);
                if (role != null) {
                    for (Map.Entry<GrantScope, Set<Privilege>> entry : role.grants().byScope().entrySet()) {
                        merged = merged.plus(entry.getKey(), entry.getValue());
                    }
                }
            }
            return merged;
        }

        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            roles.values().forEach(role -> sink.accept(SnapshotRecord.newBuilder().setRole(role.toRecord()).build()));
            accounts.values().forEach(account ->
                    sink.accept(SnapshotRecord.newBuilder().setUserAccount(account.toRecord()).build()));
            properties.values().forEach(set ->
                    sink.accept(SnapshotRecord.newBuilder().setUserProperty(set.toRecord()).build()));
        }
    }

    private final BatchedState<Image> image = new BatchedState<>(Image.BUILT_IN);

    public Image snapshot() {
        return image.published();
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.USER_ACCOUNT, JournalRecord.PayloadCase.DROP_USER,
                JournalRecord.PayloadCase.ROLE, JournalRecord.PayloadCase.DROP_ROLE,
                JournalRecord.PayloadCase.USER_PROPERTY);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.USER_ACCOUNT, SnapshotRecord.PayloadCase.ROLE,
                SnapshotRecord.PayloadCase.USER_PROPERTY);
    }

    @Override
    public void replay(JournalRecord record) {
        switch (record.getPayloadCase()) {
            case USER_ACCOUNT -> putAccount(Account.fromRecord(record.getUserAccount()));
            case DROP_USER -> dropUser(record.getDropUser());
            case ROLE -> putRole(Role.fromRecord(record.getRole()));
            case DROP_ROLE -> dropRole(record.getDropRole());
            case USER_PROPERTY -> putProperties(UserProperties.fromRecord(record.getUserProperty()));
            default -> throw new IllegalStateException("not an account record: " + record.getPayloadCase());
        }
    }

    private void putAccount(Account account) {
        Image current = image.current();
        for (String role : account.roles()) {
            if (!current.roles().containsKey(role)) {
                throw new IllegalStateException(account.name() + " names role " + role + ", which does not exist");
            }
        }
        Map<AccountName, Account> next = new TreeMap<>(current.accounts());
        next.put(account.name(), account);
        image.set(new Image(next, current.roles(), current.properties()));
    }

    private void dropUser(DropUserRecord record) {
        Image current = image.current();
        AccountName name = new AccountName(record.getUser(), record.getHost());
        if (!current.accounts().containsKey(name)) {
            throw new IllegalStateException("dropping " + name + ", which does not exist");
        }
        Map<AccountName, Account> next = new TreeMap<>(current.accounts());
        next.remove(name);
        Map<String, UserProperties> properties = new TreeMap<>(current.properties());
        if (next.keySet().stream().noneMatch(other -> other.user().equals(name.user()))) {
            properties.remove(name.user());
        }
        image.set(new Image(next, current.roles(), properties));
    }

    private void putProperties(UserProperties set) {
        Image current = image.current();
        if (!current.userExists(set.user())) {
            throw new IllegalStateException("properties of user " + set.user() + ", who does not exist");
        }
        Map<String, UserProperties> next = new TreeMap<>(current.properties());
        next.put(set.user(), set);
        image.set(new Image(current.accounts(), current.roles(), next));
    }

    private void putRole(Role role) {
        Image current = image.current();
        Map<String, Role> next = new TreeMap<>(current.roles());
        next.put(role.name(), role);
        image.set(new Image(current.accounts(), next, current.properties()));
    }

    private void dropRole(DropRoleRecord record) {
        Image current = image.current();
        if (!current.roles().containsKey(record.getName())) {
            throw new IllegalStateException("dropping role " + record.getName() + ", which does not exist");
        }
        Map<String, Role> nextRoles = new TreeMap<>(current.roles());
        nextRoles.remove(record.getName());
        Map<AccountName, Account> nextAccounts = new TreeMap<>();
        current.accounts().forEach((name, account) -> nextAccounts.put(name, account.withRoles(
                account.roles().stream().filter(role -> !role.equals(record.getName())).toList())));
        image.set(new Image(nextAccounts, nextRoles, current.properties()));
    }

    @Override
    public void beginBatch() {
        image.begin();
    }

    @Override
    public void publishBatch() {
        image.publish();
    }

    @Override
    public void discardBatch() {
        image.discard();
    }

    @Override
    public Image capture() {
        return image.current();
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        switch (record.getPayloadCase()) {
            case USER_ACCOUNT -> putAccount(Account.fromRecord(record.getUserAccount()));
            case ROLE -> putRole(Role.fromRecord(record.getRole()));
            case USER_PROPERTY -> putProperties(UserProperties.fromRecord(record.getUserProperty()));
            default -> throw new IllegalStateException("not an account snapshot record: " + record.getPayloadCase());
        }
    }
}
