package io.tessera.fe.query;

import io.tessera.data.Literals;
import io.tessera.data.TableRouting;
import io.tessera.proto.data.Call;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.Expression;
import io.tessera.proto.data.Literal;
import io.tessera.proto.journal.ListValue;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Skips partitions that cannot hold a matching row, from the filters on a single partition column
 * (=, <, <=, >, >=, BETWEEN, IN against RANGE bounds or LIST values). Conservative: when unsure a
 * partition is kept. Stateless.
 */
public final class PartitionPruner {
    private PartitionPruner() {
    }

    /** The partitions that may match every one of the (AND-ed) pushed filters. */
    public static List<PartitionDefinition> prune(TableDefinition table, List<Expression> filters) {
        PartitionScheme scheme = table.getPartitioning();
        if (scheme.getKind() == PartitionScheme.Kind.UNPARTITIONED || scheme.getColumnsCount() != 1) {
            return table.getPartitionsList();
        }
        int partitionColumn = scheme.getColumns(0);
        ColumnSchema column = table.getColumns(partitionColumn).getSchema();
        List<PartitionDefinition> kept = new ArrayList<>();
        for (PartitionDefinition partition : table.getPartitionsList()) {
            boolean possible = true;
            for (Expression filter : filters) {
                if (!mayMatch(scheme.getKind(), column, partitionColumn, partition, filter)) {
                    possible = false;
                    break;
                }
            }
            if (possible) {
                kept.add(partition);
            }
        }
        return kept;
    }

    private static boolean mayMatch(PartitionScheme.Kind kind, ColumnSchema column, int partitionColumn,
                                    PartitionDefinition partition, Expression filter) {
        if (!filter.hasCall()) {
            return true;
        }
        Call call = filter.getCall();
        if (call.getArgumentsCount() < 2 || !call.getArguments(0).hasColumn()
                || call.getArguments(0).getColumn() != partitionColumn) {
            return true;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 1; i < call.getArgumentsCount(); i++) {
            Literal literal = call.getArguments(i).getLiteral();
            if (!call.getArguments(i).hasLiteral() || literal.getIsNull()) {
                return true;
            }
            values.add(Literals.value(column, literal));
        }
        if (kind == PartitionScheme.Kind.LIST) {
            return switch (call.getOperator()) {
                case EQ, IN -> values.stream().anyMatch(v -> listContains(column, partition, v));
                default -> true;
            };
        }
        Object lower = partition.getLowerBoundCount() == 0 ? null : Literals.value(column, partition.getLowerBound(0));
        Object upper = partition.getUpperBoundCount() == 0 ? null : Literals.value(column, partition.getUpperBound(0));
        return switch (call.getOperator()) {
            case EQ -> inRange(values.get(0), lower, upper);
            case IN -> values.stream().anyMatch(v -> inRange(v, lower, upper));
            case LT -> lower == null || TableRouting.compareValues(lower, values.get(0)) < 0;
            case LE -> lower == null || TableRouting.compareValues(lower, values.get(0)) <= 0;
            case GT, GE -> upper == null || TableRouting.compareValues(upper, values.get(0)) > 0;
            case BETWEEN -> (lower == null || TableRouting.compareValues(lower, values.get(1)) <= 0)
                    && (upper == null || TableRouting.compareValues(upper, values.get(0)) > 0);
            default -> true;
        };
    }

    private static boolean inRange(Object value, Object lower, Object upper) {
        return (lower == null || TableRouting.compareValues(value, lower) >= 0)
                && (upper == null || TableRouting.compareValues(value, upper) < 0);
    }

    private static boolean listContains(ColumnSchema column, PartitionDefinition partition, Object value) {
        for (ListValue listValue : partition.getListValuesList()) {
            if (TableRouting.compareValues(Literals.value(column, listValue.getValues(0)), value) == 0) {
                return true;
            }
        }
        return false;
    }
}
