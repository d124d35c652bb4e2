package io.tessera.fe.exec;

import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.expr.ScalarFunctions;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.schema.DatabaseDirectory;
import io.tessera.fe.schema.SchemaTable;
import io.tessera.fe.session.SessionContext;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.fe.sql.ast.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Runs SELECTs over constants, variables and the FE's own system tables (information_schema):
 * filter, aggregate without GROUP BY ({@link SystemTableAggregates}), DISTINCT, sort, limit,
 * project. Queries over table data are planned elsewhere ({@code QueryExecutor}); GROUP BY is
 * refused here with a clear message.
 *
 * <p>Threading: stateless; safe to share.
 */
public final class SelectExecutor {
    private final DatabaseDirectory directory;
    private final Clock clock;
    private final Map<String, SchemaTable> tableFunctions;

    public SelectExecutor(DatabaseDirectory directory, Clock clock) {
        this(directory, clock, Map.of());
    }

    /**
     * @param tableFunctions the table functions a FROM may name, by lower-case name ({@code backends})
     */
    public SelectExecutor(DatabaseDirectory directory, Clock clock, Map<String, SchemaTable> tableFunctions) {
        this.directory = directory;
        this.clock = clock;
        this.tableFunctions = Map.copyOf(tableFunctions);
    }

    /** True when the SELECT calls a function that waits (SLEEP): the dispatcher runs it on the statement pool. */
    public static boolean blocks(SelectStatement select) {
        List<Expression> roots = new ArrayList<>();
        for (SelectItem item : select.items()) {
            if (!item.isStar()) {
                roots.add(item.expression());
            }
        }
        roots.add(select.where());
        roots.add(select.having());
        roots.addAll(select.groupBy());
        select.orderBy().forEach(item -> roots.add(item.expression()));
        boolean[] found = {false};
        for (Expression root : roots) {
            io.tessera.fe.query.ExpressionWalker.walk(root, expression -> {
                if (expression instanceof FunctionCall call && ScalarFunctions.blocks(call.name())) {
                    found[0] = true;
                }
            });
        }
        return found[0];
    }

    public ResultSet execute(SelectStatement select, SessionContext session) {
        if (!select.groupBy().isEmpty()) {
            throw new TesseraException("GROUP BY is not supported on this table yet");
        }
        if (select.having() != null) {
            throw new TesseraException("HAVING is not supported on this table yet");
        }
        ExpressionEvaluator evaluator = new ExpressionEvaluator(session, clock);
        Source source = source(select.from(), session);
        List<SourceRow> rows = new ArrayList<>();
        for (List<Object> values : source.rows) {
            SourceRow row = new SourceRow(source, values);
            if (select.where() == null || SqlValues.isTrue(evaluator.evaluate(select.where(), row))) {
                rows.add(row);
            }
        }
        List<Projection> projections = projections(select.items(), source);
        boolean aggregated = projections.stream().anyMatch(p -> SystemTableAggregates.containsAggregate(p.expression));
        List<List<Object>> output = new ArrayList<>(rows.size());
        if (aggregated) {
            // One row: each aggregate folded over the filtered rows, any bare column read from the first of them.
            SourceRow first = rows.isEmpty() ? new SourceRow(source, nulls(source.columns.size())) : rows.get(0);
            List<Object> values = new ArrayList<>(projections.size());
            for (Projection projection : projections) {
                values.add(evaluator.evaluate(SystemTableAggregates.fold(projection.expression, rows, evaluator),
                        first));
            }
            rows = new ArrayList<>(List.of(first));
            output.add(values);
        } else {
            for (SourceRow row : rows) {
                List<Object> values = new ArrayList<>(projections.size());
                for (Projection projection : projections) {
                    values.add(evaluator.evaluate(projection.expression, row));
                }
                output.add(values);
            }
        }
        if (select.distinct()) {
            distinct(rows, output);
        }
        List<Integer> order = sortOrder(select.orderBy(), projections, rows, output, evaluator);
        return toResultSet(projections, output, order, select.limit(), select.offset());
    }

    private Source source(TableRef from, SessionContext session) {
        if (from == null) {
            List<List<Object>> single = new ArrayList<>();
            single.add(List.of());
            return new Source(null, List.of(), single);
        }
        if (from.isFunction()) {
            SchemaTable function = tableFunctions.get(from.table().toLowerCase(java.util.Locale.ROOT));
            if (function == null) {
                throw new TesseraException("Can not found function '" + from.table() + "'");
            }
            BackendsTableFunction.checkArguments(from.functionArguments().size());
            String alias = from.alias() != null ? from.alias() : from.table();
            return new Source(alias, function.columns(), function.rows(session));
        }
        String database = from.database() != null ? from.database() : session.database();
        if (database == null) {
            throw new TesseraException(ErrorCode.NO_DATABASE_SELECTED, "No database selected");
        }
        SchemaTable table = directory.tableOrThrow(database, from.table());
        String alias = from.alias() != null ? from.alias() : from.table();
        return new Source(alias, table.columns(), table.rows(session));
    }

    private static List<Projection> projections(List<SelectItem> items, Source source) {
        List<Projection> projections = new ArrayList<>();
        for (SelectItem item : items) {
            if (item.isStar()) {
                if (source.alias == null) {
                    throw new TesseraException("No tables used");
                }
                if (item.starQualifier() != null && !item.starQualifier().equalsIgnoreCase(source.alias)) {
                    throw CatalogLookup.unknownTable(item.starQualifier());
                }
                for (Column column : source.columns) {
                    projections.add(new Projection(new ColumnRef(null, column.name()), column.name(), column));
                }
                continue;
            }
            String label = item.alias() != null ? item.alias() : item.text();
            Column sourceColumn = null;
            if (item.expression() instanceof ColumnRef reference) {
                sourceColumn = source.columns.get(source.indexOrThrow(reference));
            }
            projections.add(new Projection(item.expression(), label, sourceColumn));
        }
        return projections;
    }

    private static List<Object> nulls(int count) {
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(null);
        }
        return values;
    }

    /** SELECT DISTINCT: keeps the first of output rows equal in every cell (compared as sent). */
    private static void distinct(List<SourceRow> rows, List<List<Object>> output) {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        List<SourceRow> keptRows = new ArrayList<>();
        List<List<Object>> keptOutput = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            List<String> key = output.get(i).stream().map(SqlValues::toText).toList();
            if (seen.add(key)) {
                keptRows.add(rows.get(i));
                keptOutput.add(output.get(i));
            }
        }
        rows.clear();
        rows.addAll(keptRows);
        output.clear();
        output.addAll(keptOutput);
    }

    /** Row indexes in output order. ORDER BY may name an output alias, a position, or any expression. */
    private static List<Integer> sortOrder(List<OrderItem> orderBy, List<Projection> projections, List<SourceRow> rows,
                                           List<List<Object>> output, ExpressionEvaluator evaluator) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        if (orderBy.isEmpty()) {
            return order;
        }
        List<List<Object>> keys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> key = new ArrayList<>();
            for (OrderItem item : orderBy) {
                int position = outputPosition(item.expression(), projections);
                key.add(position >= 0 ? output.get(i).get(position) : evaluator.evaluate(item.expression(), rows.get(i)));
            }
            keys.add(key);
        }
        Comparator<Integer> comparator = (a, b) -> {
            for (int k = 0; k < orderBy.size(); k++) {
                int result = compareNullsFirst(keys.get(a).get(k), keys.get(b).get(k));
                if (result != 0) {
                    return orderBy.get(k).descending() ? -result : result;
                }
            }
            return 0;
        };
        order.sort(comparator);
        return order;
    }

    private static int outputPosition(Expression expression, List<Projection> projections) {
        if (expression instanceof Literal literal && literal.value() instanceof Long position) {
            if (position < 1 || position > projections.size()) {
                throw new TesseraException("Unknown column '" + position + "' in 'order clause'");
            }
            return (int) (position - 1);
        }
        if (expression instanceof ColumnRef reference && reference.qualifier() == null) {
            for (int i = 0; i < projections.size(); i++) {
                if (projections.get(i).label.equalsIgnoreCase(reference.name())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return SqlValues.compare(a, b);
    }

    private static ResultSet toResultSet(List<Projection> projections, List<List<Object>> output, List<Integer> order,
                                         Long limit, Long offset) {
        long skip = offset == null ? 0 : offset;
        long take = limit == null ? Long.MAX_VALUE : limit;
        List<List<String>> rows = new ArrayList<>();
        List<Object> firstValues = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            firstValues.add(null);
        }
        for (int position = 0; position < order.size(); position++) {
            List<Object> values = output.get(order.get(position));
            for (int i = 0; i < values.size(); i++) {
                if (firstValues.get(i) == null) {
                    firstValues.set(i, values.get(i));
                }
            }
            if (position < skip || rows.size() >= take) {
                continue;
            }
            List<String> row = new ArrayList<>(values.size());
            for (Object value : values) {
                row.add(SqlValues.toText(value));
            }
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            Projection projection = projections.get(i);
            if (projection.sourceColumn != null) {
                Column c = projection.sourceColumn;
                columns.add(new Column(projection.label, c.type(), c.length(), c.decimals(), c.schema(), c.table()));
            } else {
                ColumnType type = SqlValues.columnType(firstValues.get(i));
                columns.add(new Column(projection.label, type));
            }
        }
        return ResultSet.of(columns, rows);
    }

    /** One output column: what to evaluate, its label, and the table column it copies, if any. */
    private record Projection(Expression expression, String label, Column sourceColumn) {
    }

    /** The rows a SELECT reads: none of a table (one empty row) or a system table's rows. */
    private record Source(String alias, List<Column> columns, List<List<Object>> rows) {
        int indexOrThrow(ColumnRef reference) {
            if (reference.qualifier() != null && (alias == null || !reference.qualifier().equalsIgnoreCase(alias))) {
                throw new TesseraException("Unknown column '" + reference.qualifier() + "." + reference.name()
                        + "' in 'field list'");
            }
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(reference.name().toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            throw new TesseraException("Unknown column '" + reference.name() + "' in 'field list'");
        }
    }

    private record SourceRow(Source source, List<Object> values) implements RowContext {
        @Override
        public Object column(ColumnRef reference) {
            return values.get(source.indexOrThrow(reference));
        }
    }
}
