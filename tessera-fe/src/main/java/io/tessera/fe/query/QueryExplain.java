package io.tessera.fe.query;

import io.tessera.fe.sql.ast.BetweenExpression;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.CastExpression;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.InListExpression;
import io.tessera.fe.sql.ast.IsNullExpression;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.NegateExpression;
import io.tessera.fe.sql.ast.NotExpression;
import io.tessera.fe.sql.ast.OrderItem;
import io.tessera.fe.sql.ast.SelectItem;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * EXPLAIN SELECT over a table: the plan {@link TableQuery} would run, as Doris-like plan text
 * (one line per row): the output expressions, the FE's steps (sort, limit, aggregation merge,
 * residual filter), and the scan node with the predicates pushed to the backends, the partitions
 * kept by {@link PartitionPruner} ({@code partitions=kept/total (names)}), the tablets read
 * ({@code tablets=read/total, tabletList=...}), whether partial aggregation is pushed down
 * ({@code pushAggOp}) and the row limit pushed. Nothing is scanned. The same rules as the query
 * decide every line, so the plan says what the query does.
 *
 * <p>Threading: used once, by one thread.
 */
public final class QueryExplain {
    private final String database;
    private final TableDefinition table;
    private final SelectStatement select;
    private final TableColumns columns;

    public QueryExplain(String database, TableDefinition table, SelectStatement select) {
        this.database = database;
        this.table = table;
        this.select = select;
        this.columns = new TableColumns(database, table, select.from().alias());
    }

    public List<String> lines() {
        List<io.tessera.proto.data.Expression> pushed = new ArrayList<>();
        List<Expression> pushedText = new ArrayList<>();
        List<Expression> residual = new ArrayList<>();
        for (Expression conjunct : FilterTranslator.conjuncts(select.where())) {
            Optional<io.tessera.proto.data.Expression> translated = FilterTranslator.translate(conjunct, columns);
            if (translated.isPresent()) {
                pushed.add(translated.get());
                pushedText.add(conjunct);
            } else {
                residual.add(conjunct);
            }
        }
        List<PartitionDefinition> kept = PartitionPruner.prune(table, pushed);
        List<Long> tablets = new ArrayList<>();
        int totalTablets = 0;
        for (PartitionDefinition partition : table.getPartitionsList()) {
            totalTablets += partition.getTabletsCount();
        }
        for (PartitionDefinition partition : kept) {
            if (partition.getVisibleVersion() > 1) {
                partition.getTabletsList().stream().map(TabletDefinition::getTabletId).forEach(tablets::add);
            }
        }
        List<FunctionCall> calls = new ArrayList<>();
        for (SelectItem item : select.items()) {
            if (!item.isStar()) {
                ExpressionWalker.collectAggregates(item.expression(), calls);
            }
        }
        ExpressionWalker.collectAggregates(select.having(), calls);
        select.orderBy().forEach(o -> ExpressionWalker.collectAggregates(o.expression(), calls));
        boolean aggregates = !select.groupBy().isEmpty() || !calls.isEmpty();
        boolean aggregationPushed = aggregates && residual.isEmpty()
                && PushedAggregation.plan(select.groupBy(), calls, columns).isPresent();
        boolean limitPushed = !aggregates && residual.isEmpty() && select.orderBy().isEmpty() && !select.distinct()
                && select.limit() != null;

        List<String> lines = new ArrayList<>();
        lines.add("PLAN FRAGMENT 0");
        lines.add("  OUTPUT EXPRS:");
        for (SelectItem item : select.items()) {
            if (item.isStar()) {
                for (ColumnDefinition column : table.getColumnsList()) {
                    lines.add("    " + column.getSchema().getName());
                }
            } else {
                lines.add("    " + item.text());
            }
        }
        lines.add("  PARTITION: UNPARTITIONED");
        lines.add("");
        lines.add("  RESULT SINK");
        lines.add("");
        int node = 1 + (aggregates ? 1 : 0) + (residual.isEmpty() || aggregationPushed ? 0 : 1)
                + (select.orderBy().isEmpty() ? 0 : 1);
        if (!select.orderBy().isEmpty()) {
            lines.add("  " + --node + ":VSORT (on the FE)");
            lines.add("  |  order by: " + select.orderBy().stream().map(QueryExplain::order)
                    .collect(Collectors.joining(", ")));
            if (select.limit() != null) {
                lines.add("  |  limit: " + select.limit() + (select.offset() == null ? "" : ", offset: "
                        + select.offset()));
            }
            lines.add("  |");
        }
        if (aggregates) {
            lines.add("  " + --node + ":VAGGREGATE (" + (aggregationPushed ? "merge finalize" : "update finalize")
                    + ", on the FE)");
            if (!calls.isEmpty()) {
                lines.add("  |  output: " + calls.stream().map(QueryExplain::sql).distinct()
                        .collect(Collectors.joining(", ")));
            }
            if (!select.groupBy().isEmpty()) {
                lines.add("  |  group by: " + select.groupBy().stream().map(QueryExplain::sql)
                        .collect(Collectors.joining(", ")));
            }
            if (select.having() != null) {
                lines.add("  |  having: " + sql(select.having()));
            }
            lines.add("  |");
        }
        if (!residual.isEmpty()) {
            lines.add("  " + --node + ":VSELECT (on the FE)");
            lines.add("  |  predicates: " + residual.stream().map(QueryExplain::sql)
                    .collect(Collectors.joining(" AND ")));
            lines.add("  |");
        }
        lines.add("  " + --node + ":VOlapScanNode");
        lines.add("     TABLE: " + database + "." + table.getName() + "(" + table.getName() + ")");
        if (!pushedText.isEmpty()) {
            lines.add("     PREDICATES: " + pushedText.stream().map(QueryExplain::sql)
                    .collect(Collectors.joining(" AND ")));
        }
        lines.add("     partitions=" + kept.size() + "/" + table.getPartitionsCount() + " ("
                + kept.stream().map(PartitionDefinition::getName).collect(Collectors.joining(",")) + ")");
        lines.add("     tablets=" + tablets.size() + "/" + totalTablets + ", tabletList="
                + tablets.stream().map(String::valueOf).collect(Collectors.joining(",")));
        lines.add("     pushAggOp=" + (aggregationPushed ? "PARTIAL (" + calls.stream().map(QueryExplain::sql)
                .distinct().collect(Collectors.joining(", ")) + ")" : "NONE"));
        if (limitPushed) {
            lines.add("     limit: " + (select.limit() + (select.offset() == null ? 0 : select.offset())));
        }
        return lines;
    }

    private static String order(OrderItem item) {
        return sql(item.expression()) + (item.descending() ? " DESC" : " ASC");
    }

    /** An expression as SQL text, in the shape Doris prints predicates: parenthesised operations. */
    static String sql(Expression expression) {
        if (expression == null) {
            return "NULL";
        }
        if (expression instanceof ColumnRef column) {
            return column.qualifier() == null ? column.name() : column.qualifier() + "." + column.name();
        }
        if (expression instanceof Literal literal) {
            Object value = literal.value();
            if (value == null) {
                return "NULL";
            }
            return value instanceof String text ? "'" + text.replace("'", "''") + "'" : value.toString();
        }
        if (expression instanceof BinaryOperation operation) {
            return "(" + sql(operation.left()) + " " + operation.operator().symbol() + " "
                    + sql(operation.right()) + ")";
        }
        if (expression instanceof NotExpression not) {
            return "(NOT " + sql(not.operand()) + ")";
        }
        if (expression instanceof NegateExpression negate) {
            return "(-" + sql(negate.operand()) + ")";
        }
        if (expression instanceof IsNullExpression isNull) {
            return sql(isNull.operand()) + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
        }
        if (expression instanceof InListExpression in) {
            return sql(in.operand()) + (in.negated() ? " NOT IN (" : " IN (") + in.values().stream()
                    .map(QueryExplain::sql).collect(Collectors.joining(", ")) + ")";
        }
        if (expression instanceof BetweenExpression between) {
            return sql(between.operand()) + (between.negated() ? " NOT BETWEEN " : " BETWEEN ") + sql(between.low())
                    + " AND " + sql(between.high());
        }
        if (expression instanceof LikeExpression like) {
            return sql(like.operand()) + (like.negated() ? " NOT LIKE " : " LIKE ") + sql(like.pattern());
        }
        if (expression instanceof CastExpression cast) {
            return "CAST(" + sql(cast.operand()) + " AS " + cast.type() + ")";
        }
        if (expression instanceof FunctionCall call) {
            String arguments = call.star() ? "*" : call.arguments().stream().map(QueryExplain::sql)
                    .collect(Collectors.joining(", "));
            return call.name() + "(" + (call.distinct() ? "DISTINCT " : "") + arguments + ")";
        }
        return expression.toString();
    }
}
