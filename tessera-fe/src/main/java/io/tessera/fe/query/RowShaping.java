package io.tessera.fe.query;

import io.tessera.common.TesseraException;
import io.tessera.fe.expr.SqlValues;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.result.ClientColumns;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.proto.data.ColumnSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last steps of a query on the FE: DISTINCT, ORDER BY (by output alias, position or any
 * expression, NULLs first), OFFSET/LIMIT, and the result set with column types taken from the
 * table where an output column is a plain column. Rows carry the ORDER BY keys that are not output
 * columns after their output values. Stateless.
 */
final class RowShaping {
    private RowShaping() {
    }

    /** Appends each row's hidden ORDER BY keys after its output values. */
    static List<List<Object>> withOrderKeys(List<List<Object>> output, List<Object[]> orderKeys) {
        List<List<Object>> rows = new ArrayList<>(output.size());
        for (int i = 0; i < output.size(); i++) {
            List<Object> row = new ArrayList<>(output.get(i));
            for (Object key : orderKeys.get(i)) {
                row.add(key);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Whether an ORDER BY item names an output column (an alias or a 1-based position). */
    static boolean namesOutput(Expression expression, SelectStatement select) {
        return outputPosition(expression, select) >= 0;
    }

    private static int outputPosition(Expression expression, SelectStatement select) {
        if (expression instanceof Literal literal && literal.value() instanceof Long position) {
            return (int) (position - 1);
        }
        if (expression instanceof ColumnRef reference && reference.qualifier() == null) {
            List<SelectItem> items = select.items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).alias() != null && items.get(i).alias().equalsIgnoreCase(reference.name())) {
                    return i;
                }
            }
        }
        return -1;
    }

    static ResultSet shape(SelectStatement select, List<TableQuery.Projection> projections, List<List<Object>> rows,
                           TableColumns columns) {
        int width = projections.size();
        List<List<Object>> working = rows;
        if (select.distinct()) {
            Set<List<Object>> seen = new LinkedHashSet<>();
            List<List<Object>> unique = new ArrayList<>();
            for (List<Object> row : rows) {
                if (seen.add(row.subList(0, width))) {
                    unique.add(row);
                }
            }
            working = unique;
        }
        if (!select.orderBy().isEmpty()) {
            List<Integer> keyPositions = new ArrayList<>();
            for (int i = 0; i < select.orderBy().size(); i++) {
                int position = outputPosition(select.orderBy().get(i).expression(), select);
                if (select.orderBy().get(i).expression() instanceof Literal literal && literal.value() instanceof Long p
                        && (p < 1 || p > width)) {
                    throw new TesseraException("Unknown column '" + p + "' in 'order clause'");
                }
                keyPositions.add(position >= 0 ? position : width + i);
            }
            List<OrderItem> order = select.orderBy();
            Comparator<List<Object>> comparator = (a, b) -> {
                for (int k = 0; k < keyPositions.size(); k++) {
                    int result = compareNullsFirst(a.get(keyPositions.get(k)), b.get(keyPositions.get(k)));
                    if (result != 0) {
                        return order.get(k).descending() ? -result : result;
                    }
                }
                return 0;
            };
            working = new ArrayList<>(working);
            working.sort(comparator);
        }
        long skip = select.offset() == null ? 0 : select.offset();
        long take = select.limit() == null ? Long.MAX_VALUE : select.limit();
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < working.size() && text.size() < take; i++) {
            if (i < skip) {
                continue;
            }
            List<String> row = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                row.add(SqlValues.toText(working.get(i).get(c)));
            }
            text.add(row);
        }
        return ResultSet.of(resultColumns(projections, working, columns), text);
    }

    private static List<Column> resultColumns(List<TableQuery.Projection> projections, List<List<Object>> rows,
                                              TableColumns columns) {
        List<Column> result = new ArrayList<>();
        for (int c = 0; c < projections.size(); c++) {
            TableQuery.Projection projection = projections.get(c);
            if (projection.expression() instanceof ColumnRef reference && columns.indexOf(reference) >= 0) {
                ColumnSchema schema = columns.column(columns.indexOf(reference));
                result.add(ClientColumns.of(projection.label(), schema));
                continue;
            }
            Object sample = null;
            for (List<Object> row : rows) {
                if (row.get(c) != null) {
                    sample = row.get(c);
                    break;
                }
            }
            result.add(new Column(projection.label(), SqlValues.columnType(sample)));
        }
        return result;
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return SqlValues.compare(a, b);
    }
}
