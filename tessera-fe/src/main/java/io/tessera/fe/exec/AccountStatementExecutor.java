package io.tessera.fe.exec;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.AccountChanges;
import io.tessera.fe.auth.AccountName;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.GrantScope;
import io.tessera.fe.auth.Grantee;
import io.tessera.fe.auth.GrantorRules;
import io.tessera.fe.auth.NativePassword;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.AlterUserStatement;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DropRoleStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.GrantTarget;
import io.tessera.fe.sql.ast.PasswordSpec;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.UserSpec;
import io.tessera.proto.journal.JournalRecord;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CREATE / DROP / ALTER USER, SET PASSWORD, CREATE / DROP ROLE, GRANT, REVOKE and SET PROPERTY. Every one runs
 * whole on the metadata writer's thread: the issuer's privileges, Doris's rules and the change are
 * checked against the accounts of that moment and journaled together, so two sessions cannot race
 * (say, two grants of a privilege that one revoke removes). Plain passwords are hashed here, before
 * anything is journaled, and never kept or logged.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class AccountStatementExecutor {
    private static final String INTERNAL_CATALOG = "internal";

    private final AccessControl accessControl;
    private final GrantorRules rules;
    private final AccountChanges changes;
    private final MetadataWriter writer;
    private final Supplier<CatalogSnapshot> catalog;

    public AccountStatementExecutor(AccessControl accessControl, MetadataWriter writer,
                                    Supplier<CatalogSnapshot> catalog) {
        this.accessControl = accessControl;
        this.rules = new GrantorRules(accessControl);
        this.changes = new AccountChanges();
        this.writer = writer;
        this.catalog = catalog;
    }

    public CompletableFuture<QueryResult> createUser(CreateUserStatement statement, SessionContext session) {
        byte[] hash = hash(statement.password());
        return write(image -> {
            rules.checkMayManageAccounts(session.user(), "GRANT");
            return changes.createUser(image, name(statement.user()), hash, statement.ifNotExists(),
                    Optional.ofNullable(statement.defaultRole()));
        });
    }

    public CompletableFuture<QueryResult> dropUser(DropUserStatement statement, SessionContext session) {
        return write(image -> {
            rules.checkMayManageAccounts(session.user(), "DROP USER");
            return changes.dropUser(image, name(statement.user()), statement.ifExists());
        });
    }

    public CompletableFuture<QueryResult> setPassword(SetPasswordStatement statement, SessionContext session) {
        byte[] hash = hash(statement.password());
        return write(image -> {
            AccountName target = statement.user() != null ? name(statement.user())
                    : accessControl.account(session.user()).orElseThrow(() -> new TesseraException(
                            ErrorCode.UNKNOWN_OBJECT, "user " + session.user() + " does not exist")).name();
            rules.checkMaySetPassword(session.user(), target);
            return changes.setPassword(image, target, hash, false);
        });
    }

    public CompletableFuture<QueryResult> alterUser(AlterUserStatement statement, SessionContext session) {
        byte[] hash = hash(statement.password());
        return write(image -> {
            AccountName target = name(statement.user());
            rules.checkMayAlterUser(session.user(), target);
            return changes.setPassword(image, target, hash, statement.ifExists());
        });
    }

    public CompletableFuture<QueryResult> createRole(CreateRoleStatement statement, SessionContext session) {
        return write(image -> {
            rules.checkMayManageAccounts(session.user(), "GRANT");
            return changes.createRole(image, statement.role(), statement.ifNotExists());
        });
    }

    public CompletableFuture<QueryResult> dropRole(DropRoleStatement statement, SessionContext session) {
        return write(image -> {
            rules.checkMayManageAccounts(session.user(), "GRANT");
            return changes.dropRole(image, statement.role(), statement.ifExists());
        });
    }

    public CompletableFuture<QueryResult> grantPrivileges(GrantPrivilegesStatement statement, SessionContext session) {
        Set<Privilege> privileges = privileges(statement.privileges());
        GrantScope scope = scope(statement.target(), privileges);
        Grantee grantee = statement.user() != null ? Grantee.account(name(statement.user()))
                : Grantee.role(statement.role());
        return write(image -> {
            if (grantee.role() != null && AccountChanges.builtInRole(grantee.role())) {
                throw bad((statement.revoke() ? "Can not revoke from role: " : "Can not grant to role: ")
                        + grantee.role());
            }
            rules.checkPrivilegeGrant(session.user(), scope, privileges, statement.revoke());
            if (statement.revoke()) {
                return changes.revoke(image, grantee, scope, privileges);
            }
            List<JournalRecord> records = changes.grant(image, grantee, scope, privileges);
            if (!privileges.contains(Privilege.CREATE)) {
                checkExists(scope);
            }
            return records;
        });
    }

    public CompletableFuture<QueryResult> grantRoles(GrantRolesStatement statement, SessionContext session) {
        return write(image -> {
            rules.checkMayManageAccounts(session.user(), "GRANT");
            return changes.grantRoles(image, statement.roles(), name(statement.user()), statement.revoke());
        });
    }

    /**
     * SET PROPERTY [FOR 'user']: Doris's {@code max_user_connections} is an advanced property,
     * which needs ADMIN even for one's own user name. A new limit applies to the next logins; the
     * connections open now stay.
     */
    public CompletableFuture<QueryResult> setUserProperty(SetUserPropertyStatement statement, SessionContext session) {
        String user = statement.user() != null ? statement.user() : session.user().user();
        return write(image -> {
            accessControl.checkAnyGlobalPrivilegeOrThrow(session.user(), "ADMIN", Privilege.ADMIN);
            return changes.setUserProperties(image, user, statement.assignments());
        });
    }

    private CompletableFuture<QueryResult> write(Function<Accounts.Image, List<JournalRecord>> generate) {
        return writer.submit(ids -> new WriteResult<QueryResult>(generate.apply(accessControl.image()), OkResult.EMPTY));
    }

    /** Doris's object check of a GRANT: the database or table must exist (skipped for CREATE_PRIV). */
    private void checkExists(GrantScope scope) {
        if (scope.global()) {
            return;
        }
        CatalogSnapshot snapshot = catalog.get();
        if (snapshot.database(scope.database()).isEmpty()) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "database:" + scope.database() + " does not exist");
        }
        if (!scope.table().isEmpty() && snapshot.table(scope.database(), scope.table()).isEmpty()) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "table:" + scope.table() + " does not exist");
        }
    }

    private static Set<Privilege> privileges(List<String> names) {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        for (String name : names) {
            privileges.add(Privilege.fromGrantName(name).orElseThrow(() -> bad("Unknown privilege: " + name)));
        }
        return privileges;
    }

    /** {@code *.*.*}, {@code [internal.]db.*} or {@code [internal.]db.tbl}; Doris's catalog level {@code *.*} is not Tessera's. */
    private static GrantScope scope(GrantTarget target, Set<Privilege> privileges) {
        if (GrantTarget.ALL.equals(target.catalog()) && GrantTarget.ALL.equals(target.database())) {
            if (GrantTarget.ALL.equals(target.table())) {
                return GrantScope.GLOBAL;
            }
            if (privileges.stream().anyMatch(Privilege::globalOnly)) {
                throw bad("ADMIN_PRIV and NODE_PRIV can only be granted/revoke on/from *.*.*");
            }
            throw bad("Catalog level privileges (*.*) are not supported; grant on *.*.* or db.*");
        }
        if (target.catalog() != null && !target.catalog().equals(INTERNAL_CATALOG)) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "catalog:" + target.catalog() + " does not exist");
        }
        return GrantTarget.ALL.equals(target.table()) ? GrantScope.database(target.database())
                : GrantScope.table(target.database(), target.table());
    }

    private static byte[] hash(PasswordSpec password) {
        if (password == null) {
            return new byte[0];
        }
        if (!password.hashed()) {
            return NativePassword.doubleSha1(password.text());
        }
        try {
            return NativePassword.parseHash(password.text());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    static AccountName name(UserSpec user) {
        return new AccountName(user.user(), user.host());
    }

    private static TesseraException bad(String text) {
        return new TesseraException(ErrorCode.BAD_STATEMENT, text);
    }
}
