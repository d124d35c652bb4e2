package io.tessera.fe.exec;

import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.UserIdentity;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.schema.SchemaVisibility;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.BeginStatement;
import io.tessera.fe.sql.ast.CommitStatement;
import io.tessera.fe.sql.ast.RollbackStatement;
import io.tessera.fe.sql.ast.SetTransactionStatement;
import io.tessera.fe.sql.ast.AddBackendStatement;
import io.tessera.fe.sql.ast.AlterUserStatement;
import io.tessera.fe.sql.ast.CreateRoleStatement;
import io.tessera.fe.sql.ast.CreateUserStatement;
import io.tessera.fe.sql.ast.DropRoleStatement;
import io.tessera.fe.sql.ast.DropUserStatement;
import io.tessera.fe.sql.ast.GrantPrivilegesStatement;
import io.tessera.fe.sql.ast.GrantRolesStatement;
import io.tessera.fe.sql.ast.SetPasswordStatement;
import io.tessera.fe.sql.ast.SetUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowDatabasesStatement;
import io.tessera.fe.sql.ast.ShowGrantsStatement;
import io.tessera.fe.sql.ast.ShowRolesStatement;
import io.tessera.fe.sql.ast.ShowUserPropertyStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.AddPartitionStatement;
import io.tessera.fe.sql.ast.CancelDecommissionBackendStatement;
import io.tessera.fe.sql.ast.CreateDatabaseStatement;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.DecommissionBackendStatement;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.DropBackendStatement;
import io.tessera.fe.sql.ast.DropDatabaseStatement;
import io.tessera.fe.sql.ast.DropPartitionStatement;
import io.tessera.fe.sql.ast.DropTableStatement;
import io.tessera.fe.sql.ast.ExplainDecommissionBackendStatement;
import io.tessera.fe.sql.ast.ExplainDroppBackendStatement;
import io.tessera.fe.sql.ast.InsertStatement;
import io.tessera.fe.sql.ast.ModifyBackendStatement;
import io.tessera.fe.sql.ast.PauseDecommissionBackendStatement;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.fe.sql.ast.ResumeDecommissionBackendStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.SetFrontendConfigStatement;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetSystemVariable;
import io.tessera.fe.sql.ast.ShowBackendsStatement;
import io.tessera.fe.sql.ast.ShowCreateTableStatement;
import io.tessera.fe.sql.ast.ShowCharsetStatement;
import io.tessera.fe.sql.ast.ShowCollationStatement;
import io.tessera.fe.sql.ast.ShowColumnsStatement;
import io.tessera.fe.sql.ast.ShowCreateDatabaseStatement;
import io.tessera.fe.sql.ast.ShowEnginesStatement;
import io.tessera.fe.sql.ast.ShowIndexStatement;
import io.tessera.fe.sql.ast.ShowRoutineStatusStatement;
import io.tessera.fe.sql.ast.ShowTableStatusStatement;
import io.tessera.fe.sql.ast.ShowDataStatement;
import io.tessera.fe.sql.ast.ShowDecommissionBlockersStatement;
import io.tessera.fe.sql.ast.ShowDecommissionStatement;
import io.tessera.fe.sql.ast.ShowFrontendConfigStatement;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowProcStatement;
import io.tessera.fe.sql.ast.ShowProcesslistStatement;
import io.tessera.fe.sql.ast.KillStatement;
import io.tessera.fe.sql.ast.ShowReplicaDistributionStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import io.tessera.fe.sql.ast.ExplainSelectStatement;
import io.tessera.fe.sql.ast.SetReplicaStatusStatement;
import io.tessera.fe.sql.ast.DiagnoseTabletStatement;
import io.tessera.fe.sql.ast.ShowTrashStatement;
import io.tessera.fe.sql.ast.CleanTrashStatement;
import io.tessera.fe.sql.ast.ShowTransactionStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.UnionStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.UseStatement;
import io.tessera.fe.sql.ast.VariableScope;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which privilege each statement needs, decided in one place and asked by
 * {@link StatementDispatcher} before any executor runs, so no executor can forget it. The answer
 * comes from {@code auth} ({@link AccessControl}), which knows no SQL; the texts are Doris's for
 * the same statement (see docs/compatibility.md, "Privileges by statement family").
 *
 * <p>Node statements are checked before their identifiers are read, as Doris does. Statements on a
 * table check the table's privilege once its database is resolved (written or current) but before
 * the table is looked up, so a user without the privilege gets the access-denied text whether the
 * table exists or not, and an unknown table is revealed only to a user allowed to ask. Statements
 * without a resolvable database pass here and fail in the executor with {@code No database
 * selected}. User, role and grant statements and SHOW GRANTS / ROLES are checked by their executor,
 * whose rules need the resolved target account ({@code auth.GrantorRules}). Session statements
 * (session variables, SHOW VARIABLES, SHOW WARNINGS, a SELECT without a table) need nothing.
 *
 * <p>Threading: stateless apart from the access control, which reads the accounts' last published
 * image at every call; safe from any thread.
 */
public final class StatementPrivileges {
    /** What Doris prints for its NODE predicate in ALTER SYSTEM and the node statements of ours. */
    static final String NODE = "NODE";
    /** What Doris prints for its ADMIN predicate in ADMIN and SHOW PROC statements. */
    static final String ADMIN = "ADMIN";
    private static final String SHOW_BACKENDS_PRIVILEGES = "Admin_priv,Select_priv";

    /** Node management: NODE, checked before the statement's identifiers are read. */
    private static final Set<Class<? extends Statement>> NODE_STATEMENTS = Set.of(AddBackendStatement.class,
            DropBackendStatement.class, DecommissionBackendStatement.class, CancelDecommissionBackendStatement.class,
            ModifyBackendStatement.class, PauseDecommissionBackendStatement.class,
            ResumeDecommissionBackendStatement.class, ExplainDroppBackendStatement.class,
            ExplainDecommissionBackendStatement.class, ShowDecommissionStatement.class,
            ShowDecommissionBlockersStatement.class);
    /** Configuration and the operator's inspection: ADMIN (and SET GLOBAL, see {@link #needsAdmin}). */
    private static final Set<Class<? extends Statement>> ADMIN_STATEMENTS = Set.of(SetFrontendConfigStatement.class,
            ShowFrontendConfigStatement.class, RepairTableStatement.class, ShowReplicaStatusStatement.class,
            ShowReplicaDistributionStatement.class, ShowTabletsStatement.class, ShowProcStatement.class,
            ShowTabletStatement.class, ShowTransactionStatement.class, DiagnoseTabletStatement.class,
            CleanTrashStatement.class, SetReplicaStatusStatement.class);
    /** What Doris opens to ADMIN or NODE holders (SHOW FRONTENDS, SHOW TRASH), refused as {@code (ADMIN/OPERATOR)}. */
    private static final Set<Class<? extends Statement>> ADMIN_OR_NODE_STATEMENTS = Set.of(
            ShowFrontendsStatement.class, ShowTrashStatement.class);
    static final String ADMIN_OR_OPERATOR = "ADMIN/OPERATOR";
    /** Statements on databases and tables: the privilege on the object ({@link #checkData}). */
    private static final Set<Class<? extends Statement>> DATA_STATEMENTS = Set.of(CreateDatabaseStatement.class,
            DropDatabaseStatement.class, UseStatement.class, ShowTablesStatement.class, CreateTableStatement.class,
            DropTableStatement.class, AddPartitionStatement.class, DropPartitionStatement.class,
            InsertStatement.class, SelectStatement.class, DescribeStatement.class, ShowCreateTableStatement.class,
            ShowPartitionsStatement.class, ShowDataStatement.class, ShowColumnsStatement.class,
            ShowIndexStatement.class, ShowTableStatusStatement.class, ShowCreateDatabaseStatement.class,
            UnionStatement.class, ExplainSelectStatement.class);
    /**
     * Users, roles and grants: their executor checks, as the rules need the resolved target account;
     * KILL too, as it depends on whose connection is killed.
     */
    private static final Set<Class<? extends Statement>> CHECKED_BY_EXECUTOR = Set.of(CreateUserStatement.class,
            DropUserStatement.class, AlterUserStatement.class, SetPasswordStatement.class, CreateRoleStatement.class,
            DropRoleStatement.class, GrantPrivilegesStatement.class, GrantRolesStatement.class,
            ShowGrantsStatement.class, ShowRolesStatement.class, KillStatement.class,
            SetUserPropertyStatement.class, ShowUserPropertyStatement.class);
    /**
     * Session statements every logged-in user may run (SHOW DATABASES lists only what they may see,
     * SHOW PROCESSLIST only their own connections without ADMIN);
     * the transaction statements too, as each INSERT inside a transaction is checked for LOAD.
     */
    private static final Set<Class<? extends Statement>> OPEN_STATEMENTS = Set.of(ShowVariablesStatement.class,
            ShowWarningsStatement.class, ShowDatabasesStatement.class, BeginStatement.class, CommitStatement.class,
            RollbackStatement.class, SetTransactionStatement.class, ShowProcesslistStatement.class,
            ShowCharsetStatement.class, ShowCollationStatement.class, ShowEnginesStatement.class,
            ShowRoutineStatusStatement.class);

    private final AccessControl access;

    public StatementPrivileges(AccessControl access) {
        this.access = access;
    }

    /** Throws Doris's access-denied error unless the session may run the statement. */
    public void check(Statement statement, SessionContext session) {
        UserIdentity user = session.user();
        if (NODE_STATEMENTS.contains(statement.getClass())) {
            String displayed = statement instanceof CancelDecommissionBackendStatement
                    ? Privilege.NODE.displayName() : NODE;
            access.checkGlobalPrivilegeOrThrow(user, Privilege.NODE, displayed);
            return;
        }
        if (ADMIN_OR_NODE_STATEMENTS.contains(statement.getClass())) {
            access.checkAnyGlobalPrivilegeOrThrow(user, ADMIN_OR_OPERATOR, Privilege.ADMIN, Privilege.NODE);
            return;
        }
        if (needsAdmin(statement)) {
            access.checkGlobalPrivilegeOrThrow(user, Privilege.ADMIN, ADMIN);
            return;
        }
        if (statement instanceof ShowBackendsStatement) {
            // Doris master (PR #50140): SELECT or ADMIN on information_schema, which every account reads.
            if (!access.holds(user, Privilege.SELECT, DatabaseDirectory.INFORMATION_SCHEMA, "")) {
                throw AccessControl.databasePrivilegeDenied(SHOW_BACKENDS_PRIVILEGES,
                        DatabaseDirectory.INFORMATION_SCHEMA);
            }
            return;
        }
        if (DATA_STATEMENTS.contains(statement.getClass())) {
            checkData(statement, session);
            return;
        }
        if (!classified(statement.getClass())) {
            access.checkGlobalPrivilegeOrThrow(user, Privilege.ADMIN, ADMIN);
        }
    }

    /** Whether SHOW DATABASES lists the database for this session. */
    public boolean mayShowDatabase(SessionContext session, String database) {
        return access.holdsAnyOnDatabase(session.user(), canonical(database));
    }

    /** Whether SHOW TABLES lists the table for this session. */
    public boolean mayShowTable(SessionContext session, String database, String table) {
        return access.holdsAnyOnTable(session.user(), canonical(database), table);
    }

    /** {@link #mayShowDatabase} and {@link #mayShowTable} as {@code information_schema} asks them. */
    public SchemaVisibility schemaVisibility() {
        return new SchemaVisibility() {
            @Override
            public boolean database(SessionContext session, String database) {
                return mayShowDatabase(session, database);
            }

            @Override
            public boolean table(SessionContext session, String database, String table) {
                return mayShowTable(session, database, table);
            }
        };
    }

    private void checkData(Statement statement, SessionContext session) {
        UserIdentity user = session.user();
        if (statement instanceof CreateDatabaseStatement create) {
            requireOnDatabase(user, Privilege.CREATE, create.database());
        } else if (statement instanceof DropDatabaseStatement drop) {
            requireOnDatabase(user, Privilege.DROP, drop.database());
        } else if (statement instanceof UseStatement use) {
            requireAnyOnDatabase(user, use.database());
        } else if (statement instanceof ShowTablesStatement show) {
            String database = show.database() != null ? show.database() : session.database();
            if (database != null) {
                requireAnyOnDatabase(user, database);
            }
        } else if (statement instanceof ShowTableStatusStatement show) {
            String database = show.database() != null ? show.database() : session.database();
            if (database != null) {
                requireAnyOnDatabase(user, database);
            }
        } else if (statement instanceof ShowCreateDatabaseStatement show) {
            requireAnyOnDatabase(user, show.database());
        } else if (statement instanceof CreateTableStatement create) {
            Resolved table = resolve(create.table(), session);
            if (table != null && !holds(user, Privilege.CREATE, table)) {
                throw AccessControl.denied("CREATE");
            }
        } else if (statement instanceof DropTableStatement drop) {
            Resolved table = resolve(drop.table(), session);
            if (table != null && !holds(user, Privilege.DROP, table)) {
                throw AccessControl.denied("DROP");
            }
        } else if (statement instanceof AddPartitionStatement add) {
            requireOnTable(user, Privilege.ALTER, "ALTER TABLE", resolve(add.table(), session), Resolved::colonForm);
        } else if (statement instanceof DropPartitionStatement drop) {
            requireOnTable(user, Privilege.ALTER, "ALTER TABLE", resolve(drop.table(), session), Resolved::colonForm);
        } else if (statement instanceof InsertStatement insert) {
            requireOnTable(user, Privilege.LOAD, "LOAD", resolve(insert.table(), session), Resolved::dotForm);
            if (insert.query() != null) {
                checkSelect(insert.query(), session);
            }
        } else if (statement instanceof SelectStatement select) {
            checkSelect(select, session);
        } else if (statement instanceof UnionStatement union) {
            union.selects().forEach(select -> checkSelect(select, session));
        } else if (statement instanceof ExplainSelectStatement explain) {
            checkSelect(explain.select(), session);
        } else if (statement instanceof DescribeStatement describe) {
            requireAnyOnTable(user, "DESCRIBE", resolve(describe.table(), session), Resolved::dotForm);
        } else if (statement instanceof ShowCreateTableStatement show) {
            requireAnyOnTable(user, "SHOW CREATE TABLE", resolve(show.table(), session), Resolved::colonForm);
        } else if (statement instanceof ShowColumnsStatement show) {
            requireAnyOnTable(user, "SHOW COLUMNS", resolve(show.table(), session), Resolved::colonForm);
        } else if (statement instanceof ShowIndexStatement show) {
            requireAnyOnTable(user, "SHOW INDEX", resolve(show.table(), session), Resolved::colonForm);
        } else if (statement instanceof ShowPartitionsStatement show) {
            requireAnyOnTable(user, "SHOW PARTITIONS", resolve(show.table(), session), Resolved::colonForm);
        } else if (statement instanceof ShowDataStatement show) {
            if (show.table() != null) {
                requireAnyOnTable(user, "SHOW DATA", resolve(show.table(), session), Resolved::colonForm);
            } else if (session.database() != null) {
                requireAnyOnDatabase(user, session.database());
            }
        }
    }

    private void checkSelect(SelectStatement select, SessionContext session) {
        if (select.from() == null) {
            return;
        }
        if (select.from().isFunction()) {
            // Doris's table functions over cluster metadata (backends()) ask SELECT on information_schema.
            if (!access.holds(session.user(), Privilege.SELECT, DatabaseDirectory.INFORMATION_SCHEMA, "")) {
                throw AccessControl.databasePrivilegeDenied(SHOW_BACKENDS_PRIVILEGES,
                        DatabaseDirectory.INFORMATION_SCHEMA);
            }
            return;
        }
        String database = select.from().database() != null ? select.from().database() : session.database();
        if (database == null) {
            return;
        }
        Resolved table = new Resolved(canonical(database), select.from().table());
        requireOnTable(session.user(), Privilege.SELECT, "SELECT", table, Resolved::catalogColonForm);
    }

    private static boolean needsAdmin(Statement statement) {
        if (statement instanceof SetStatement set) {
            return set.items().stream().anyMatch(item -> item instanceof SetSystemVariable variable
                    && variable.scope() == VariableScope.GLOBAL);
        }
        return ADMIN_STATEMENTS.contains(statement.getClass());
    }

    /**
     * Whether this class knows what the statement type needs. Every statement type the parser
     * builds must be listed in exactly one group (a test walks the {@code sql.ast} package); an
     * unlisted one is refused unless the user holds ADMIN, so a new statement fails closed.
     */
    static boolean classified(Class<? extends Statement> type) {
        return NODE_STATEMENTS.contains(type) || ADMIN_STATEMENTS.contains(type) || DATA_STATEMENTS.contains(type)
                || ADMIN_OR_NODE_STATEMENTS.contains(type)
                || CHECKED_BY_EXECUTOR.contains(type) || OPEN_STATEMENTS.contains(type)
                || type == ShowBackendsStatement.class || type == SetStatement.class;
    }

    private void requireOnDatabase(UserIdentity user, Privilege privilege, String database) {
        if (!access.holds(user, privilege, canonical(database), "")) {
            throw AccessControl.databaseDenied(user, database);
        }
    }

    private void requireAnyOnDatabase(UserIdentity user, String database) {
        if (!access.holdsAnyOnDatabase(user, canonical(database))) {
            throw AccessControl.databaseDenied(user, database);
        }
    }

    private void requireOnTable(UserIdentity user, Privilege privilege, String command, Resolved table,
                                Function<Resolved, String> display) {
        if (table != null && !holds(user, privilege, table)) {
            throw AccessControl.tableDenied(command, user, display.apply(table));
        }
    }

    private void requireAnyOnTable(UserIdentity user, String command, Resolved table,
                                   Function<Resolved, String> display) {
        if (table != null && !access.holdsAnyOnTable(user, table.database(), table.table())) {
            throw AccessControl.tableDenied(command, user, display.apply(table));
        }
    }

    private boolean holds(UserIdentity user, Privilege privilege, Resolved table) {
        return access.holds(user, privilege, table.database(), table.table());
    }

    /** The table with its database written or current; null when neither names one. */
    private static Resolved resolve(TableName name, SessionContext session) {
        String database = name.database() != null ? name.database() : session.database();
        return database == null ? null : new Resolved(canonical(database), name.table());
    }

    /** System databases are named in any case, as {@link DatabaseDirectory} resolves them. */
    private static String canonical(String database) {
        String lower = database.toLowerCase(Locale.ROOT);
        return lower.equals(DatabaseDirectory.INFORMATION_SCHEMA) || lower.equals(DatabaseDirectory.MYSQL)
                ? lower : database;
    }

    /** A table whose database is known, and the ways Doris's messages print it. */
    private record Resolved(String database, String table) {
        String dotForm() {
            return database + "." + table;
        }

        String colonForm() {
            return database + ": " + table;
        }

        String catalogColonForm() {
            return DatabaseDirectory.INTERNAL_CATALOG + ": " + database + ": " + table;
        }
    }
}
