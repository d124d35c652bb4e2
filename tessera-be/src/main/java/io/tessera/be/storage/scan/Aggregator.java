package io.tessera.be.storage.scan;

import io.tessera.be.storage.tablet.ColumnTypes;
import io.tessera.be.storage.tablet.WireEncoding;
import io.tessera.common.TesseraException;
import io.tessera.proto.data.AggregateCall;
import io.tessera.proto.data.AggregateFunction;
import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.TabletSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A partial aggregation (data.proto {@link Aggregation}) over the rows that pass the filter: groups
 * them by the GROUP BY columns and feeds every aggregate call's {@link Accumulator}; at the end
 * writes one row per group (GROUP BY values, then one value per call). Without GROUP BY there is
 * exactly one row, even over no input: counts 0, sums, mins and maxes NULL.
 *
 * <p>Threading: not thread-safe (one scan).
 */
final class Aggregator {
    private final Grouping grouping;
    private final List<Accumulator> accumulators = new ArrayList<>();
    private final int keyColumns;
    private final ScanOutput output;

    /** @throws TesseraException when a column index is out of range or a function does not fit its column */
    Aggregator(TabletSchema schema, Aggregation aggregation, ScanSink sink) {
        List<OutputColumn> outputs = new ArrayList<>();
        int[] groupColumns = new int[aggregation.getGroupByColumnsCount()];
        WireEncoding[] groupEncodings = new WireEncoding[groupColumns.length];
        for (int i = 0; i < groupColumns.length; i++) {
            groupColumns[i] = aggregation.getGroupByColumns(i);
            groupEncodings[i] = WireEncoding.of(column(schema, groupColumns[i], "GROUP BY"));
            outputs.add(new OutputColumn(groupEncodings[i]));
        }
        if (groupColumns.length == 0) {
            grouping = new NoGrouping();
        } else if (groupColumns.length == 1 && groupEncodings[0] == WireEncoding.INT) {
            grouping = new LongGrouping(groupColumns[0]);
        } else {
            grouping = new GenericGrouping(groupColumns, groupEncodings);
        }
        for (AggregateCall call : aggregation.getCallsList()) {
            Accumulator accumulator = accumulator(schema, call);
            accumulators.add(accumulator);
            outputs.add(new OutputColumn(accumulator.encoding()));
        }
        this.keyColumns = groupColumns.length;
        this.output = new ScanOutput(sink, outputs);
    }

    ScanOutput output() {
        return output;
    }

    void add(BatchView batch, Selection selection) {
        int[] groups = grouping.assign(batch, selection);
        int groupCount = grouping.groupCount();
        for (Accumulator accumulator : accumulators) {
            accumulator.grow(groupCount);
            accumulator.add(batch, selection, groups);
        }
    }

    /** Writes every group's row and sends the rest of the result. */
    void finish() {
        int groupCount = grouping.groupCount();
        for (Accumulator accumulator : accumulators) {
            accumulator.grow(groupCount);
        }
        for (int group = 0; group < groupCount; group++) {
            grouping.writeKey(group, output);
            for (int i = 0; i < accumulators.size(); i++) {
                accumulators.get(i).write(group, output.column(keyColumns + i));
            }
            output.added(1);
        }
        output.finish();
    }

    private static Accumulator accumulator(TabletSchema schema, AggregateCall call) {
        switch (call.getFunction()) {
            case COUNT_STAR -> {
                return new CountAccumulator(-1, WireEncoding.INT);
            }
            case COUNT -> {
                ColumnSchema column = column(schema, call.getColumn(), "COUNT");
                return new CountAccumulator(call.getColumn(), WireEncoding.of(column));
            }
            case SUM -> {
                ColumnSchema column = column(schema, call.getColumn(), "SUM");
                return switch (column.getType()) {
                    case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT ->
                            new SumExactAccumulator(call.getColumn(), column.getName(), false, 0);
                    case FLOAT, DOUBLE -> new SumDoubleAccumulator(call.getColumn());
                    case DECIMAL -> WireEncoding.of(column) == WireEncoding.INT
                            ? new SumExactAccumulator(call.getColumn(), column.getName(), true, column.getScale())
                            : new SumWideDecimalAccumulator(call.getColumn(), column.getName(), column.getScale());
                    default -> throw new TesseraException("aggregation: SUM needs a numeric column, not "
                            + column.getName() + " (" + ColumnTypes.describe(column) + ")");
                };
            }
            case MIN, MAX -> {
                ColumnSchema column = column(schema, call.getColumn(), call.getFunction().toString());
                return new MinMaxAccumulator(call.getColumn(), WireEncoding.of(column),
                        call.getFunction() == AggregateFunction.MAX);
            }
            default -> throw new TesseraException("aggregation: function " + call.getFunction()
                    + " is not supported");
        }
    }

    private static ColumnSchema column(TabletSchema schema, int index, String use) {
        if (index < 0 || index >= schema.getColumnsCount()) {
            throw new TesseraException("aggregation: " + use + " column index " + index
                    + " is out of range (the tablet has " + schema.getColumnsCount() + " columns)");
        }
        ColumnSchema column = schema.getColumns(index);
        if (column.getType() == DataType.DATA_TYPE_UNSPECIFIED) {
            throw new IllegalStateException("column " + column.getName() + " has no type");
        }
        return column;
    }
}
