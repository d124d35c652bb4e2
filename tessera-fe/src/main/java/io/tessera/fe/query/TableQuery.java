package io.tessera.fe.query;

import io.tessera.common.TesseraException;
import io.tessera.data.RowBatches;
import io.tessera.fe.catalog.CatalogLookup;
import io.tessera.fe.expr.ExpressionEvaluator;
import io.tessera.fe.expr.RowContext;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Operator;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import io.tessera.common.Cancellation;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SELECT over one table: splits WHERE into filters the backends apply and a residual the FE
 * applies, prunes partitions, pushes partial aggregation down when it can, then groups, filters
 * groups (HAVING), projects, de-duplicates (DISTINCT), sorts and limits on the FE.
 *
 * <p>Threading: used once, by one thread.
 */
public final class TableQuery {
    private static final Logger LOG = LoggerFactory.getLogger(TableQuery.class);
    private final TableDefinition table;
    private final SelectStatement select;
    private final ReplicaScanner scanner;
    private final ExpressionEvaluator evaluator;
    private final TableColumns columns;
    private final AtomicLong rowsRead;
    private final AtomicLong bytesReturned;
    private final Cancellation cancellation;
    private int tabletsRead;

    /**
     * @param rowsRead      where the rows the backends read are counted (SHOW PROC '/current_queries')
     * @param bytesReturned where the bytes they returned are counted
     * @param cancellation  the statement's: stops the scans and the query when cancelled
     */
    public TableQuery(String database, TableDefinition table, SelectStatement select, ReplicaScanner scanner,
                      ExpressionEvaluator evaluator, AtomicLong rowsRead, AtomicLong bytesReturned,
                      Cancellation cancellation) {
        this.rowsRead = rowsRead;
        this.bytesReturned = bytesReturned;
        this.cancellation = cancellation;
        this.table = table;
        this.select = select;
        this.scanner = scanner;
        this.evaluator = evaluator;
        this.columns = new TableColumns(database, table, select.from().alias());
    }

    public ResultSet run() {
        List<Projection> projections = projections();
        List<io.tessera.proto.data.Expression> pushed = new ArrayList<>();
        List<Expression> residual = new ArrayList<>();
        for (Expression conjunct : FilterTranslator.conjuncts(select.where())) {
            validateColumns(conjunct);
            FilterTranslator.translate(conjunct, columns).ifPresentOrElse(pushed::add, () -> residual.add(conjunct));
        }
        List<ReplicaScanner.TabletRead> reads = reads(PartitionPruner.prune(table, pushed));
        tabletsRead = reads.size();
        ScanRequest.Builder request = ScanRequest.newBuilder();
        if (!pushed.isEmpty()) {
            request.setFilter(and(pushed));
        }
        List<FunctionCall> calls = new ArrayList<>();
        projections.forEach(p -> ExpressionWalker.collectAggregates(p.expression, calls));
        ExpressionWalker.collectAggregates(select.having(), calls);
        select.orderBy().forEach(o -> ExpressionWalker.collectAggregates(o.expression(), calls));
        List<List<Object>> output;
        if (!select.groupBy().isEmpty() || !calls.isEmpty()) {
            output = aggregate(projections, calls, residual, reads, request);
        } else {
            output = plainRows(projections, residual, reads, request);
        }
        cancellation.throwIfCancelled();
        ResultSet result = RowShaping.shape(select, projections, output, columns);
        LOG.info("query on table {}: {} tablets, {} rows read by backends, {} bytes returned to the FE, {} rows out",
                table.getName(), tabletsRead, rowsRead.get(), bytesReturned.get(), result.rows().size());
        return result;
    }

    private List<List<Object>> plainRows(List<Projection> projections, List<Expression> residual,
                                         List<ReplicaScanner.TabletRead> reads, ScanRequest.Builder request) {
        List<Integer> needed = neededColumns(projections, residual);
        request.addAllColumns(needed);
        if (residual.isEmpty() && select.orderBy().isEmpty() && !select.distinct() && select.limit() != null) {
            request.setLimit(select.limit() + (select.offset() == null ? 0 : select.offset()));
        }
        List<List<Object>> output = new ArrayList<>();
        List<Object[]> orderKeys = new ArrayList<>();
        for (Object[] row : scanRows(reads, request.build(), needed)) {
            RowContext context = rowContext(row, needed);
            if (!passes(residual, context)) {
                continue;
            }
            output.add(evaluate(projections, context));
            orderKeys.add(orderKeys(context));
        }
        return RowShaping.withOrderKeys(output, orderKeys);
    }

    private List<List<Object>> aggregate(List<Projection> projections, List<FunctionCall> calls,
                                         List<Expression> residual, List<ReplicaScanner.TabletRead> reads,
                                         ScanRequest.Builder request) {
        for (Expression expression : select.groupBy()) {
            validateColumns(expression);
        }
        Optional<PushedAggregation> pushedAggregation = residual.isEmpty()
                ? PushedAggregation.plan(select.groupBy(), calls, columns) : Optional.empty();
        List<Group> groups;
        if (pushedAggregation.isPresent()) {
            request.setAggregation(pushedAggregation.get().aggregation());
            groups = pushedAggregation.get().merge(scanner.scan(table.getName(), reads, request.build(), rowsRead,
                    bytesReturned, cancellation));
        } else {
            groups = groupOnFrontend(projections, calls, residual, reads, request);
        }
        List<List<Object>> output = new ArrayList<>();
        List<Object[]> orderKeys = new ArrayList<>();
        for (Group group : groups) {
            RowContext context = groupContext(group);
            if (select.having() != null && !SqlValues.isTrue(evaluator.evaluate(select.having(), context))) {
                continue;
            }
            output.add(evaluate(projections, context));
            orderKeys.add(orderKeys(context));
        }
        return RowShaping.withOrderKeys(output, orderKeys);
    }

    private List<Group> groupOnFrontend(List<Projection> projections, List<FunctionCall> calls,
                                        List<Expression> residual, List<ReplicaScanner.TabletRead> reads,
                                        ScanRequest.Builder request) {
        List<Integer> needed = neededColumns(projections, residual);
        request.addAllColumns(needed);
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        if (select.groupBy().isEmpty()) {
            groups.put(List.of(), new Group(List.of(), calls));
        }
        for (Object[] row : scanRows(reads, request.build(), needed)) {
            RowContext context = rowContext(row, needed);
            if (!passes(residual, context)) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            for (Expression expression : select.groupBy()) {
                key.add(evaluator.evaluate(expression, context));
            }
            Group group = groups.computeIfAbsent(key, k -> new Group(k, calls));
            for (FunctionCall call : calls) {
                Object argument = call.star() || call.arguments().isEmpty() ? null
                        : evaluator.evaluate(call.arguments().get(0), context);
                group.accumulators.get(call).add(argument);
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** Resolves aggregates and GROUP BY expressions of a group; other columns must be grouped. */
    private RowContext groupContext(Group group) {
        return new RowContext() {
            @Override
            public Object column(ColumnRef reference) {
                for (int i = 0; i < select.groupBy().size(); i++) {
                    if (select.groupBy().get(i) instanceof ColumnRef grouped
                            && columns.indexOf(grouped) == columns.indexOf(reference)) {
                        return group.key.get(i);
                    }
                }
                throw new TesseraException("'" + reference.name() + "' must appear in the GROUP BY clause or be "
                        + "used in an aggregate function");
            }

            @Override
            public Object resolve(Expression expression) {
                if (expression instanceof FunctionCall call && group.accumulators.containsKey(call)) {
                    return group.accumulators.get(call).result();
                }
                int index = select.groupBy().indexOf(expression);
                return index >= 0 ? group.key.get(index) : RowContext.UNRESOLVED;
            }
        };
    }

    private RowContext rowContext(Object[] row, List<Integer> needed) {
        return reference -> {
            int column = columns.indexOrThrow(reference);
            int position = needed.indexOf(column);
            if (position < 0) {
                throw new IllegalStateException("column " + reference.name() + " was not read");
            }
            return row[position];
        };
    }

    private List<Object[]> scanRows(List<ReplicaScanner.TabletRead> reads, ScanRequest request, List<Integer> needed) {
        List<Object[]> rows = new ArrayList<>();
        for (RowBatch batch : scanner.scan(table.getName(), reads, request, rowsRead, bytesReturned,
                cancellation)) {
            for (int row = 0; row < batch.getRowCount(); row++) {
                Object[] values = new Object[needed.size()];
                for (int c = 0; c < needed.size(); c++) {
                    ColumnSchema schema = columns.column(needed.get(c));
                    Object typed = RowBatches.value(schema, batch.getColumns(c), row);
                    if (typed instanceof Double d && schema.getType() == DataType.FLOAT) {
                        // FLOAT travels widened to double; show it as the float it is (0.1, not 0.10000000149).
                        typed = Double.parseDouble(Float.toString(d.floatValue()));
                    }
                    values[c] = SqlValues.fromColumnValue(typed);
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private List<Object> evaluate(List<Projection> projections, RowContext context) {
        List<Object> values = new ArrayList<>(projections.size());
        for (Projection projection : projections) {
            values.add(evaluator.evaluate(projection.expression, context));
        }
        return values;
    }

    /** ORDER BY keys that are not output aliases or positions, evaluated per row (null when unused). */
    private Object[] orderKeys(RowContext context) {
        Object[] keys = new Object[select.orderBy().size()];
        for (int i = 0; i < keys.length; i++) {
            OrderItem item = select.orderBy().get(i);
            if (!RowShaping.namesOutput(item.expression(), select)) {
                keys[i] = evaluator.evaluate(item.expression(), context);
            }
        }
        return keys;
    }

    private boolean passes(List<Expression> residual, RowContext context) {
        for (Expression condition : residual) {
            if (!SqlValues.isTrue(evaluator.evaluate(condition, context))) {
                return false;
            }
        }
        return true;
    }

    private List<Projection> projections() {
        List<Projection> projections = new ArrayList<>();
        for (SelectItem item : select.items()) {
            if (item.isStar()) {
                if (item.starQualifier() != null && !columns.isNamedBy(item.starQualifier())) {
                    throw CatalogLookup.unknownTable(item.starQualifier());
                }
                for (ColumnSchema column : columns.columns()) {
                    projections.add(new Projection(new ColumnRef(null, column.getName()), column.getName()));
                }
            } else {
                validateColumns(item.expression());
                projections.add(new Projection(item.expression(), item.alias() != null ? item.alias() : item.text()));
            }
        }
        return projections;
    }

    /** Every table column the FE needs per row: projections, residual filters, grouping, ordering. */
    private List<Integer> neededColumns(List<Projection> projections, List<Expression> residual) {
        TreeSet<Integer> needed = new TreeSet<>();
        List<Expression> expressions = new ArrayList<>();
        projections.forEach(p -> expressions.add(p.expression));
        expressions.addAll(residual);
        expressions.addAll(select.groupBy());
        if (select.having() != null) {
            expressions.add(select.having());
        }
        select.orderBy().forEach(o -> expressions.add(o.expression()));
        for (Expression expression : expressions) {
            for (ColumnRef reference : ExpressionWalker.columns(expression)) {
                int index = columns.indexOf(reference);
                if (index >= 0) {
                    needed.add(index);
                }
            }
        }
        if (needed.isEmpty()) {
            needed.add(0);
        }
        return new ArrayList<>(new LinkedHashSet<>(needed));
    }

    private void validateColumns(Expression expression) {
        for (ColumnRef reference : ExpressionWalker.columns(expression)) {
            if (columns.indexOf(reference) < 0 && !aliasOfOutput(reference)) {
                columns.indexOrThrow(reference);
            }
        }
    }

    private boolean aliasOfOutput(ColumnRef reference) {
        return reference.qualifier() == null && select.items().stream()
                .anyMatch(item -> item.alias() != null && item.alias().equalsIgnoreCase(reference.name()));
    }

    private List<ReplicaScanner.TabletRead> reads(List<PartitionDefinition> partitions) {
        List<ReplicaScanner.TabletRead> reads = new ArrayList<>();
        for (PartitionDefinition partition : partitions) {
            if (partition.getVisibleVersion() <= 1) {
                continue; // version 1 is the empty partition as created: nothing to read
            }
            for (TabletDefinition tablet : partition.getTabletsList()) {
                reads.add(new ReplicaScanner.TabletRead(partition, tablet));
            }
        }
        return reads;
    }

    private static io.tessera.proto.data.Expression and(List<io.tessera.proto.data.Expression> filters) {
        io.tessera.proto.data.Expression result = filters.get(0);
        for (int i = 1; i < filters.size(); i++) {
            result = FilterTranslator.call(Operator.AND, List.of(result, filters.get(i)));
        }
        return result;
    }

    /** One output column: what to evaluate and its label. */
    record Projection(Expression expression, String label) {
    }
}
