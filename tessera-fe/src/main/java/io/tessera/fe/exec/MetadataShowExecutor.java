package io.tessera.fe.exec;

import io.tessera.common.Clock;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.fe.expr.LikePattern;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.ColumnDescription;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.schema.FixedTables;
import io.tessera.fe.schema.TableEntry;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.ShowCharsetStatement;
import io.tessera.fe.sql.ast.ShowCollationStatement;
import io.tessera.fe.sql.ast.ShowColumnsStatement;
import io.tessera.fe.sql.ast.ShowCreateDatabaseStatement;
import io.tessera.fe.sql.ast.ShowIndexStatement;
import io.tessera.fe.sql.ast.ShowRoutineStatusStatement;
import io.tessera.fe.sql.ast.ShowTableStatusStatement;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SHOW statements MySQL tools send to learn a schema, answered in Doris's columns from the
 * same descriptions {@code information_schema} shows: SHOW [FULL] COLUMNS, SHOW INDEX (Doris has
 * no indexes on a plain table: no rows), SHOW TABLE STATUS, SHOW CREATE DATABASE, SHOW CHARSET,
 * SHOW COLLATION, SHOW ENGINES and SHOW FUNCTION / PROCEDURE STATUS (no stored routines: no rows).
 * Every value is sent as text, as Doris sends SHOW results.
 *
 * <p>Threading: stateless apart from the directory, which reads immutable catalog snapshots; safe
 * from any thread.
 */
public final class MetadataShowExecutor {
    private static final List<String> COLUMN_TITLES = List.of("Field", "Type", "Null", "Key", "Default", "Extra");
    private static final List<String> FULL_COLUMN_TITLES = List.of("Field", "Type", "Collation", "Null", "Key",
            "Default", "Extra", "Privileges", "Comment");
    private static final List<String> INDEX_TITLES = List.of("Table", "Non_unique", "Key_name", "Seq_in_index",
            "Column_name", "Collation", "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment",
            "Properties");
    private static final List<String> TABLE_STATUS_TITLES = List.of("Name", "Engine", "Version", "Row_format",
            "Rows", "Avg_row_length", "Data_length", "Max_data_length", "Index_length", "Data_free",
            "Auto_increment", "Create_time", "Update_time", "Check_time", "Collation", "Checksum", "Create_options",
            "Comment");
    private static final List<String> ROUTINE_TITLES = List.of("Db", "Name", "Type", "Definer", "Modified",
            "Created", "Security_type", "Comment", "character_set_client", "collation_connection",
            "Database Collation");
    /** Where TABLE_NAME is in an {@code information_schema.TABLES} row; ENGINE onwards follow in SHOW's order. */
    private static final int TABLES_NAME = 2;
    private static final int TABLES_ENGINE = 4;

    private final DatabaseDirectory directory;
    private final Clock clock;

    public MetadataShowExecutor(DatabaseDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** SHOW [FULL] COLUMNS: the table's columns in order, those whose name matches LIKE (any case). */
    public ResultSet showColumns(ShowColumnsStatement statement, SessionContext session) {
        TableEntry table = directory.tableEntryOrThrow(DdlExecutor.databaseOf(statement.table(), session),
                statement.table().table());
        LikePattern like = like(statement.likePattern());
        List<List<String>> rows = new ArrayList<>();
        for (ColumnDescription column : table.columns()) {
            if (like != null && !like.matches(column.name())) {
                continue;
            }
            String nullable = column.nullable() ? "YES" : "NO";
            String key = column.isKey() ? "YES" : "NO";
            rows.add(statement.full()
                    ? Arrays.asList(column.name(), column.showType(), "", nullable, key, column.defaultValue(), "",
                            "", column.comment())
                    : Arrays.asList(column.name(), column.showType(), nullable, key, column.defaultValue(), ""));
        }
        return filtered(ResultSet.of(titles(statement.full() ? FULL_COLUMN_TITLES : COLUMN_TITLES), rows),
                statement.where(), session);
    }

    /** SHOW INDEX: Doris's columns; the table must exist, and like a Doris table without indexes it has no rows. */
    public ResultSet showIndex(ShowIndexStatement statement, SessionContext session) {
        directory.tableEntryOrThrow(DdlExecutor.databaseOf(statement.table(), session), statement.table().table());
        return ResultSet.of(titles(INDEX_TITLES), List.of());
    }

    /** SHOW TABLE STATUS: the {@code information_schema.TABLES} rows of the database's visible tables. */
    public ResultSet showTableStatus(ShowTableStatusStatement statement, SessionContext session) {
        String database = statement.database() != null ? statement.database() : session.database();
        if (database == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        LikePattern like = like(statement.likePattern());
        List<List<String>> rows = new ArrayList<>();
        for (TableEntry table : directory.visibleTables(session, database)) {
            if (like != null && !like.matches(table.name())) {
                continue;
            }
            List<Object> status = directory.tableStatus(table);
            List<String> row = new ArrayList<>();
            row.add(SqlValues.toText(status.get(TABLES_NAME)));
            for (Object value : status.subList(TABLES_ENGINE, status.size())) {
                row.add(SqlValues.toText(value));
            }
            rows.add(row);
        }
        return filtered(ResultSet.of(titles(TABLE_STATUS_TITLES), rows), statement.where(), session);
    }

    /** SHOW CREATE DATABASE: Doris prints the bare statement for a database without properties. */
    public ResultSet showCreateDatabase(ShowCreateDatabaseStatement statement) {
        String database = directory.databaseOrThrow(statement.database());
        return ResultSet.of(List.of(Column.varchar("Database", 64), Column.varchar("Create Database", 1024)),
                List.of(List.of(database, "CREATE DATABASE `" + database + "`")));
    }

    public ResultSet showCharset(ShowCharsetStatement statement, SessionContext session) {
        List<List<String>> rows = new ArrayList<>();
        if (matches(statement.likePattern(), FixedTables.CHARSET)) {
            rows.add(List.of(FixedTables.CHARSET, FixedTables.CHARSET_DESCRIPTION, FixedTables.COLLATION,
                    Long.toString(FixedTables.CHARSET_MAX_BYTES)));
        }
        return filtered(ResultSet.of(titles(List.of("Charset", "Description", "Default collation", "Maxlen")), rows),
                statement.where(), session);
    }

    public ResultSet showCollation(ShowCollationStatement statement, SessionContext session) {
        List<List<String>> rows = new ArrayList<>();
        if (matches(statement.likePattern(), FixedTables.COLLATION)) {
            rows.add(List.of(FixedTables.COLLATION, FixedTables.CHARSET, Long.toString(FixedTables.COLLATION_ID),
                    "Yes", "Yes", "1"));
        }
        return filtered(ResultSet.of(titles(List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen")),
                rows), statement.where(), session);
    }

    public ResultSet showEngines() {
        List<String> row = FixedTables.OLAP_ENGINE.stream().map(SqlValues::toText).toList();
        return ResultSet.of(titles(List.of("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints")),
                List.of(row));
    }

    /** SHOW FUNCTION / PROCEDURE STATUS: Tessera has no stored routines, so no rows, in MySQL's columns. */
    public ResultSet showRoutineStatus(ShowRoutineStatusStatement statement, SessionContext session) {
        return filtered(ResultSet.of(titles(ROUTINE_TITLES), List.of()), statement.where(), session);
    }

    private ResultSet filtered(ResultSet answer, Expression where, SessionContext session) {
        return ShowRowFilter.where(answer, where, new ExpressionEvaluator(session, clock));
    }

    private static boolean matches(String pattern, String value) {
        return pattern == null || LikePattern.caseInsensitive(pattern).matches(value);
    }

    private static LikePattern like(String pattern) {
        return pattern == null ? null : LikePattern.caseInsensitive(pattern);
    }

    private static List<Column> titles(List<String> titles) {
        return titles.stream().map(title -> Column.varchar(title, 64)).toList();
    }
}
