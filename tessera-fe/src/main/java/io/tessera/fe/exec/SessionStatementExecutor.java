package io.tessera.fe.exec;

import io.tessera.fe.expr.LikePattern;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.WriteResult;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.session.SystemVariable;
import io.tessera.fe.session.SystemVariables;
import io.tessera.fe.session.VariableType;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.SetItem;
import io.tessera.fe.sql.ast.SetNames;
import io.tessera.fe.sql.ast.SetStatement;
import io.tessera.fe.sql.ast.SetSystemVariable;
import io.tessera.fe.sql.ast.SetUserVariable;
import io.tessera.fe.sql.ast.ShowDatabasesStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowVariablesStatement;
import io.tessera.fe.sql.ast.ShowWarningsStatement;
import io.tessera.fe.sql.ast.UseStatement;
import io.tessera.fe.sql.ast.VariableScope;
import io.tessera.proto.journal.JournalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The statements that shape a session rather than data: SET, USE, SHOW VARIABLES, SHOW
 * DATABASES, SHOW TABLES, SHOW WARNINGS, and COM_FIELD_LIST. Everything a MySQL client sends on
 * connect lands here or in {@link SelectExecutor}.
 *
 * <p>Threading: stateless; session state lives in the {@link SessionContext} passed in. A SET
 * with a GLOBAL item waits on the metadata writer (it is journaled), so run it off I/O threads
 * ({@link #needsJournal}).
 */
public final class SessionStatementExecutor {
    private static final List<Column> VARIABLE_COLUMNS = List.of(
            Column.varchar("Variable_name", 64), Column.varchar("Value", 1024),
            Column.varchar("Default_Value", 1024), Column.varchar("Changed", 2));

    private final DatabaseDirectory directory;
    private final MetadataWriter writer;
    private final Clock clock;

    public SessionStatementExecutor(DatabaseDirectory directory, MetadataWriter writer, Clock clock) {
        this.directory = directory;
        this.writer = writer;
        this.clock = clock;
    }

    /** Whether a SET changes a global value, which is journaled and so blocks until applied. */
    public static boolean needsJournal(SetStatement statement) {
        return statement.items().stream().anyMatch(item ->
                item instanceof SetSystemVariable variable && variable.scope() == VariableScope.GLOBAL);
    }

    /**
     * Applies the session items left to right (an item that fails leaves the earlier ones applied);
     * the GLOBAL items are journaled together after the last item, so a failing item applies none
     * of them.
     */
    public QueryResult set(SetStatement statement, SessionContext session) {
        ExpressionEvaluator evaluator = new ExpressionEvaluator(session, clock);
        List<JournalRecord> globals = new ArrayList<>();
        for (SetItem item : statement.items()) {
            if (item instanceof SetUserVariable user) {
                session.setUserVariable(user.name(), evaluator.evaluate(user.value(), RowContext.NONE));
            } else if (item instanceof SetNames names) {
                setNames(names, session);
            } else {
                setSystemVariable((SetSystemVariable) item, session, evaluator, globals);
            }
        }
        if (!globals.isEmpty()) {
            // Every GLOBAL item of the statement in one journal batch: all of them or none.
            writer.submit(ids -> new WriteResult<>(globals, null)).join();
        }
        return OkResult.EMPTY;
    }

    /** Sets a session value at once; a GLOBAL one is added to {@code globals} for the journal. */
    private static void setSystemVariable(SetSystemVariable item, SessionContext session, ExpressionEvaluator evaluator,
                                          List<JournalRecord> globals) {
        SystemVariables variables = session.systemVariables();
        SystemVariable variable = variables.definitionOrThrow(item.name());
        Object value;
        if (item.value() instanceof DefaultValue) {
            value = variable.defaultValue();
        } else if (item.value() instanceof ColumnRef word && word.qualifier() == null) {
            // MySQL reads a bare word on the right of SET as text: SET autocommit = ON.
            value = SystemVariables.coerce(variable, word.name());
        } else {
            value = SystemVariables.coerce(variable, evaluator.evaluate(item.value(), RowContext.NONE));
        }
        if (item.scope() == VariableScope.GLOBAL) {
            globals.add(JournalRecord.newBuilder()
                    .setSetGlobalVariable(SystemVariables.globalRecord(variable, value)).build());
        } else {
            session.setSessionValue(variable, value);
        }
    }

    private static void setNames(SetNames names, SessionContext session) {
        SystemVariables variables = session.systemVariables();
        String charset = names.charset() == null ? "utf8mb4" : names.charset();
        for (String name : List.of("character_set_client", "character_set_connection", "character_set_results")) {
            session.setSessionValue(variables.definitionOrThrow(name), charset);
        }
        if (names.collation() != null) {
            session.setSessionValue(variables.definitionOrThrow("collation_connection"), names.collation());
        }
    }

    /** USE db (and COM_INIT_DB). */
    public QueryResult use(UseStatement statement, SessionContext session) {
        if (statement.catalog() != null && !statement.catalog().equalsIgnoreCase(DatabaseDirectory.INTERNAL_CATALOG)) {
            throw new TesseraException(ErrorCode.UNKNOWN_OBJECT, "Unknown catalog '" + statement.catalog() + "'");
        }
        session.setDatabase(directory.databaseOrThrow(statement.database()));
        return OkResult.EMPTY;
    }

    public ResultSet showVariables(ShowVariablesStatement statement, SessionContext session) {
        ExpressionEvaluator evaluator = new ExpressionEvaluator(session, clock);
        LikePattern like = statement.likePattern() == null ? null : LikePattern.caseInsensitive(statement.likePattern());
        List<List<String>> rows = new ArrayList<>();
        for (SystemVariable variable : session.systemVariables().definitions()) {
            if (like != null && !like.matches(variable.name())) {
                continue;
            }
            Object value = statement.scope() == VariableScope.GLOBAL
                    ? session.systemVariables().globalValue(variable) : session.sessionValue(variable);
            String shown = display(variable, value);
            String defaultShown = display(variable, variable.defaultValue());
            List<String> row = List.of(variable.name(), shown, defaultShown,
                    Objects.equals(shown, defaultShown) ? "0" : "1");
            if (statement.where() != null && !SqlValues.isTrue(evaluator.evaluate(statement.where(),
                    reference -> cell(row, reference.name())))) {
                continue;
            }
            rows.add(row);
        }
        return ResultSet.of(VARIABLE_COLUMNS, rows);
    }

    private static Object cell(List<String> row, String column) {
        for (int i = 0; i < VARIABLE_COLUMNS.size(); i++) {
            if (VARIABLE_COLUMNS.get(i).name().equalsIgnoreCase(column)) {
                return row.get(i);
            }
        }
        throw new TesseraException("Unknown column '" + column + "' in 'where clause'");
    }

    private static String display(SystemVariable variable, Object value) {
        if (value == null) {
            return "";
        }
        if (variable.type() == VariableType.BOOLEAN) {
            return Boolean.TRUE.equals(value) ? "ON" : "OFF";
        }
        return SqlValues.toText(value);
    }

    /** SHOW DATABASES listing only the databases {@code visible} accepts (those the user holds a privilege on). */
    public ResultSet showDatabases(ShowDatabasesStatement statement, SessionContext session,
                                   Predicate<String> visible) {
        LikePattern like = statement.likePattern() == null ? null : LikePattern.caseInsensitive(statement.likePattern());
        List<List<String>> rows = new ArrayList<>();
        for (String name : directory.databaseNames()) {
            if ((like == null || like.matches(name)) && visible.test(name)) {
                rows.add(List.of(name));
            }
        }
        return ShowRowFilter.where(ResultSet.of(List.of(Column.varchar("Database", 64)), rows), statement.where(),
                new ExpressionEvaluator(session, clock));
    }

    /** SHOW TABLES over every table of the database. */
    public ResultSet showTables(ShowTablesStatement statement, SessionContext session) {
        return showTables(statement, session, (database, table) -> true);
    }

    /** SHOW TABLES listing only the tables {@code visible} accepts for (database, table). */
    public ResultSet showTables(ShowTablesStatement statement, SessionContext session,
                                BiPredicate<String, String> visible) {
        String database = statement.database() != null ? statement.database() : session.database();
        if (database == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        String canonical = directory.databaseOrThrow(database);
        LikePattern like = statement.likePattern() == null ? null : LikePattern.caseInsensitive(statement.likePattern());
        String type = directory.isSystemDatabase(canonical) ? "SYSTEM VIEW" : "BASE TABLE";
        List<List<String>> rows = new ArrayList<>();
        for (String table : directory.tableNames(canonical)) {
            if ((like == null || like.matches(table)) && visible.test(canonical, table)) {
                rows.add(statement.full() ? List.of(table, type) : List.of(table));
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.varchar("Tables_in_" + canonical, 64));
        if (statement.full()) {
            columns.add(Column.varchar("Table_type", 64));
        }
        return ShowRowFilter.where(ResultSet.of(columns, rows), statement.where(),
                new ExpressionEvaluator(session, clock));
    }

    /**
     * SHOW WARNINGS: the last statement's warnings, each at level Warning with MySQL's generic code
     * 1105. SHOW ERRORS lists errors only, and none are kept, so it is empty.
     */
    public ResultSet showWarnings(ShowWarningsStatement statement, SessionContext session) {
        List<List<String>> rows = new ArrayList<>();
        for (String warning : statement.errorsOnly() ? List.<String>of() : session.warnings()) {
            rows.add(List.of("Warning", "1105", warning));
        }
        return ResultSet.of(List.of(Column.varchar("Level", 7),
                new Column("Code", ColumnType.INT), Column.varchar("Message", 512)), rows);
    }

    /** COM_FIELD_LIST: the columns of a table in the current database. */
    public List<Column> fieldList(String table, SessionContext session) {
        if (session.database() == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        return directory.columns(session.database(), table);
    }
}
