package io.tessera.fe.exec;

import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.common.Clock;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.Catalog;
import io.tessera.data.ColumnValues;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.session.OpenTransaction;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.DefaultValue;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.InsertStatement;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.txn.LoadCoordinator;
import io.tessera.fe.txn.LoadResult;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code INSERT INTO t [(cols)] VALUES (...), ...} and {@code INSERT INTO t [(cols)] SELECT ...},
 * each as one load transaction, or inside a transaction BEGIN opened, as part of that one
 * ({@link TransactionStatementExecutor}). Every value is checked
 * against its column before anything is written (count, type, range, length, NULL, partition),
 * so a bad INSERT changes nothing; columns left out take their DEFAULT.
 *
 * <p>Threading: blocking (the load waits for backends); run it off I/O threads.
 */
public final class InsertExecutor {
    private final Catalog catalog;
    private final LoadCoordinator loads;
    private final Clock clock;
    private final BiFunction<SelectStatement, SessionContext, ResultSet> queries;

    /**
     * @param queries runs the SELECT of {@code INSERT INTO ... SELECT}
     */
    public InsertExecutor(Catalog catalog, LoadCoordinator loads, Clock clock,
                          BiFunction<SelectStatement, SessionContext, ResultSet> queries) {
        this.catalog = catalog;
        this.loads = loads;
        this.clock = clock;
        this.queries = queries;
    }

    /**
     * Runs the INSERT as its own load transaction, or, inside a transaction BEGIN opened, adds its
     * rows to that transaction (COMMIT loads them); an INSERT that fails there rolls the whole
     * transaction back.
     */
    public QueryResult insert(InsertStatement statement, SessionContext session) {
        OpenTransaction open = session.openTransaction();
        if (open == null) {
            return insertRows(statement, session);
        }
        try {
            return insertRows(statement, session);
        } catch (RuntimeException e) {
            session.setOpenTransaction(null);
            throw e;
        }
    }

    private QueryResult insertRows(InsertStatement statement, SessionContext session) {
        String database = DdlExecutor.databaseOf(statement.table(), session);
        TableDefinition table = CatalogLookup.tableOrThrow(catalog.snapshot(), database, statement.table().table());
        int[] targets = targetColumns(table, statement.columns());
        if (statement.query() != null) {
            return load(database, table, statement, selectedRows(statement.query(), session, table, targets), session);
        }
        ExpressionEvaluator evaluator = new ExpressionEvaluator(session, clock);
        List<List<Object>> rows = new ArrayList<>(statement.rows().size());
        int rowNumber = 0;
        for (List<Expression> values : statement.rows()) {
            rowNumber++;
            if (values.size() != targets.length) {
                throw new TesseraException("Column count doesn't match value count at row " + rowNumber);
            }
            Object[] row = new Object[table.getColumnsCount()];
            boolean[] given = new boolean[table.getColumnsCount()];
            for (int i = 0; i < targets.length; i++) {
                ColumnDefinition column = table.getColumns(targets[i]);
                Object value = values.get(i) instanceof DefaultValue
                        ? defaultValue(column, session.timeZone()) : evaluator.evaluate(values.get(i), RowContext.NONE);
                row[targets[i]] = ColumnValues.coerce(column.getSchema(), value);
                given[targets[i]] = true;
            }
            fillDefaults(table, row, given, session.timeZone());
            rows.add(Arrays.asList(row));
        }
        return load(database, table, statement, rows, session);
    }

    private QueryResult load(String database, TableDefinition table, InsertStatement statement,
                             List<List<Object>> rows, SessionContext session) {
        OpenTransaction open = session.openTransaction();
        if (open != null) {
            if (statement.label() != null) {
                throw new TesseraException("An INSERT inside a transaction cannot have its own label: give the label "
                        + "with BEGIN WITH LABEL");
            }
            open.add(database, table.getName(), rows, clock.wallMillis());
            return new OkResult(rows.size(), open.preparedInfo(), 0);
        }
        if (rows.isEmpty()) {
            return new OkResult(0, "", 0);
        }
        if (session.runningStatement() != null) {
            // Killed or timed out while its rows were made: nothing is written. A load once begun runs to its end.
            session.runningStatement().cancellation().throwIfCancelled();
        }
        LoadResult result = loads.load(database, table.getName(), statement.label(), rows);
        return new OkResult(result.loadedRows(), result.info(), 0);
    }

    /** INSERT ... SELECT: the query's rows, converted into the target columns' types. */
    private List<List<Object>> selectedRows(SelectStatement query, SessionContext session, TableDefinition table,
                                            int[] targets) {
        ResultSet selected = queries.apply(query, session);
        if (selected.columns().size() != targets.length) {
            throw new TesseraException("Column count doesn't match value count: the SELECT returns "
                    + selected.columns().size() + " columns for " + targets.length);
        }
        List<List<Object>> rows = new ArrayList<>(selected.rows().size());
        for (List<String> values : selected.rows()) {
            Object[] row = new Object[table.getColumnsCount()];
            boolean[] given = new boolean[table.getColumnsCount()];
            for (int i = 0; i < targets.length; i++) {
                row[targets[i]] = ColumnValues.coerce(table.getColumns(targets[i]).getSchema(), values.get(i));
                given[targets[i]] = true;
            }
            fillDefaults(table, row, given, session.timeZone());
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    private void fillDefaults(TableDefinition table, Object[] row, boolean[] given, ZoneId zone) {
        for (int c = 0; c < row.length; c++) {
            if (!given[c]) {
                row[c] = ColumnValues.coerce(table.getColumns(c).getSchema(), defaultValue(table.getColumns(c), zone));
            }
        }
    }

    private static int[] targetColumns(TableDefinition table, List<String> names) {
        if (names.isEmpty()) {
            int[] all = new int[table.getColumnsCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] targets = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            targets[i] = -1;
            for (int c = 0; c < table.getColumnsCount(); c++) {
                if (table.getColumns(c).getSchema().getName().equalsIgnoreCase(names.get(i))) {
                    targets[i] = c;
                }
            }
            if (targets[i] < 0) {
                throw new TesseraException("Unknown column '" + names.get(i) + "' in table '" + table.getName() + "'");
            }
            for (int j = 0; j < i; j++) {
                if (targets[j] == targets[i]) {
                    throw new TesseraException("Column '" + names.get(i) + "' specified twice");
                }
            }
        }
        return targets;
    }

    private Object defaultValue(ColumnDefinition column, ZoneId zone) {
        ColumnSchema schema = column.getSchema();
        if (column.getDefaultCurrentTimestamp()) {
            return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(clock.wallMillis()), zone).withNano(0);
        }
        if (column.hasDefaultValue()) {
            return column.getDefaultValue();
        }
        if (!schema.getNullable()) {
            throw new TesseraException("Field '" + schema.getName()
                    + "' doesn't have a default value");
        }
        return null;
    }
}
