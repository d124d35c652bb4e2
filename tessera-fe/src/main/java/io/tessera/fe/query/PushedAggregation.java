package io.tessera.fe.query;

import io.tessera.data.RowBatches;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.proto.data.AggregateCall;
import io.tessera.proto.data.AggregateFunction;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.RowBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An aggregation the backends compute partially (GROUP BY plain columns; COUNT(*), COUNT, SUM,
 * MIN, MAX, AVG over plain columns; COUNT(DISTINCT c) by grouping on c too), and the FE's merge of
 * their partial rows into final groups. Built only when every part can be pushed; otherwise the FE
 * aggregates raw rows itself.
 *
 * <p>Threading: confined to one query.
 */
final class PushedAggregation {
    private final List<Integer> groupColumns;
    private final Integer distinctColumn;
    private final List<FunctionCall> calls;
    private final Aggregation aggregation;
    /** Per call, the index of its first partial value in a partial row (after the group columns). */
    private final List<Integer> partialPositions;
    private final List<ColumnSchema> partialSchemas;

    private PushedAggregation(List<Integer> groupColumns, Integer distinctColumn, List<FunctionCall> calls,
                              Aggregation aggregation, List<Integer> partialPositions, List<ColumnSchema> partialSchemas) {
        this.groupColumns = groupColumns;
        this.distinctColumn = distinctColumn;
        this.calls = calls;
        this.aggregation = aggregation;
        this.partialPositions = partialPositions;
        this.partialSchemas = partialSchemas;
    }

    static Optional<PushedAggregation> plan(List<Expression> groupBy, List<FunctionCall> calls, TableColumns columns) {
        List<Integer> groupColumns = new ArrayList<>();
        for (Expression expression : groupBy) {
            if (!(expression instanceof ColumnRef ref) || columns.indexOf(ref) < 0) {
                return Optional.empty();
            }
            groupColumns.add(columns.indexOf(ref));
        }
        Integer distinctColumn = null;
        Aggregation.Builder aggregation = Aggregation.newBuilder();
        List<ColumnSchema> schemas = new ArrayList<>();
        for (int column : groupColumns) {
            schemas.add(columns.column(column));
        }
        List<Integer> positions = new ArrayList<>();
        for (FunctionCall call : calls) {
            Accumulator.Kind kind = Accumulator.kindOf(call);
            int column = -1;
            if (kind != Accumulator.Kind.COUNT_STAR) {
                if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof ColumnRef ref)
                        || columns.indexOf(ref) < 0) {
                    return Optional.empty();
                }
                column = columns.indexOf(ref);
            }
            ColumnSchema schema = column >= 0 ? columns.column(column) : null;
            positions.add(schemas.size());
            switch (kind) {
                case COUNT_STAR -> addCall(aggregation, schemas, AggregateFunction.COUNT_STAR, 0, bigint());
                case COUNT -> addCall(aggregation, schemas, AggregateFunction.COUNT, column, bigint());
                case SUM -> {
                    if (!numeric(schema)) {
                        return Optional.empty();
                    }
                    addCall(aggregation, schemas, AggregateFunction.SUM, column, sumSchema(schema));
                }
                case AVG -> {
                    if (!numeric(schema)) {
                        return Optional.empty();
                    }
                    addCall(aggregation, schemas, AggregateFunction.SUM, column, sumSchema(schema));
                    addCall(aggregation, schemas, AggregateFunction.COUNT, column, bigint());
                }
                case MIN -> addCall(aggregation, schemas, AggregateFunction.MIN, column, schema);
                case MAX -> addCall(aggregation, schemas, AggregateFunction.MAX, column, schema);
                case COUNT_DISTINCT -> {
                    if (distinctColumn != null && distinctColumn != column) {
                        return Optional.empty();
                    }
                    distinctColumn = column;
                    positions.set(positions.size() - 1, -1);
                }
            }
        }
        List<Integer> allGroupColumns = new ArrayList<>(groupColumns);
        if (distinctColumn != null) {
            allGroupColumns.add(distinctColumn);
            // The distinct column's value follows the group columns; shift every call's partials by one.
            schemas.add(groupColumns.size(), columns.column(distinctColumn));
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) >= 0) {
                    positions.set(i, positions.get(i) + 1);
                }
            }
        }
        aggregation.addAllGroupByColumns(allGroupColumns);
        return Optional.of(new PushedAggregation(groupColumns, distinctColumn, calls, aggregation.build(), positions,
                schemas));
    }

    Aggregation aggregation() {
        return aggregation;
    }

    /** Merges every backend's partial rows into groups (always one group when there is no GROUP BY). */
    List<Group> merge(List<RowBatch> batches) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        if (groupColumns.isEmpty()) {
            groups.put(List.of(), new Group(List.of(), calls));
        }
        for (RowBatch batch : batches) {
            for (int row = 0; row < batch.getRowCount(); row++) {
                List<Object> key = new ArrayList<>();
                for (int g = 0; g < groupColumns.size(); g++) {
                    key.add(value(batch, g, row));
                }
                Group group = groups.computeIfAbsent(key, k -> new Group(k, calls));
                for (int c = 0; c < calls.size(); c++) {
                    feed(group.accumulators.get(calls.get(c)), Accumulator.kindOf(calls.get(c)), batch, row,
                            partialPositions.get(c));
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    private void feed(Accumulator accumulator, Accumulator.Kind kind, RowBatch batch, int row, int position) {
        switch (kind) {
            case COUNT_STAR, COUNT -> accumulator.addCount((Long) value(batch, position, row));
            case SUM -> accumulator.addSum(value(batch, position, row));
            case AVG -> {
                accumulator.addSum(value(batch, position, row));
                accumulator.addCount((Long) value(batch, position + 1, row));
            }
            case MIN, MAX -> accumulator.addExtreme(value(batch, position, row));
            case COUNT_DISTINCT -> accumulator.add(value(batch, groupColumns.size(), row));
        }
    }

    private Object value(RowBatch batch, int column, int row) {
        return SqlValues.fromColumnValue(RowBatches.value(partialSchemas.get(column), batch.getColumns(column), row));
    }

    private static void addCall(Aggregation.Builder aggregation, List<ColumnSchema> schemas, AggregateFunction function,
                                int column, ColumnSchema resultSchema) {
        aggregation.addCalls(AggregateCall.newBuilder().setFunction(function).setColumn(Math.max(column, 0)));
        schemas.add(resultSchema);
    }

    private static ColumnSchema bigint() {
        return ColumnSchema.newBuilder().setName("count").setType(DataType.BIGINT).setNullable(true).build();
    }

    /** data.proto: SUM is BIGINT for integers, DOUBLE for FLOAT/DOUBLE, DECIMAL(38, scale) for DECIMAL. */
    private static ColumnSchema sumSchema(ColumnSchema column) {
        ColumnSchema.Builder schema = ColumnSchema.newBuilder().setName("sum").setNullable(true);
        return switch (column.getType()) {
            case FLOAT, DOUBLE -> schema.setType(DataType.DOUBLE).build();
            case DECIMAL -> schema.setType(DataType.DECIMAL).setPrecision(38).setScale(column.getScale()).build();
            default -> schema.setType(DataType.BIGINT).build();
        };
    }

    private static boolean numeric(ColumnSchema column) {
        return switch (column.getType()) {
            case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, BOOLEAN -> true;
            default -> false;
        };
    }
}
