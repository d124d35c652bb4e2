package io.tessera.fe.catalog;

import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.Literal;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.ListValue;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.Property;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a table as the CREATE TABLE statement that recreates it, in Doris's SHOW CREATE TABLE
 * layout, and a partition's range as SHOW PARTITIONS shows it. Stateless.
 */
public final class TableDdlPrinter {
    private TableDdlPrinter() {
    }

    public static String print(TableDefinition table) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE `").append(table.getName()).append("` (\n");
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : table.getColumnsList()) {
            ColumnSchema schema = column.getSchema();
            StringBuilder line = new StringBuilder("  `").append(schema.getName()).append("` ")
                    .append(ColumnTypes.display(schema)).append(schema.getNullable() ? " NULL" : " NOT NULL");
            if (column.getDefaultCurrentTimestamp()) {
                line.append(" DEFAULT CURRENT_TIMESTAMP");
            } else if (column.hasDefaultValue()) {
                line.append(" DEFAULT \"").append(column.getDefaultValue()).append('"');
            }
            if (!column.getComment().isEmpty()) {
                line.append(" COMMENT \"").append(column.getComment()).append('"');
            }
            columns.add(line.toString());
        }
        ddl.append(String.join(",\n", columns)).append("\n) ENGINE=OLAP\n");
        List<String> keys = new ArrayList<>();
        for (ColumnDefinition column : table.getColumnsList()) {
            if (column.getSchema().getIsKey()) {
                keys.add("`" + column.getSchema().getName() + "`");
            }
        }
        ddl.append("DUPLICATE KEY(").append(String.join(", ", keys)).append(")\n");
        ddl.append("COMMENT '").append(table.getComment().isEmpty() ? "OLAP" : table.getComment()).append("'\n");
        PartitionScheme scheme = table.getPartitioning();
        if (scheme.getKind() != PartitionScheme.Kind.UNPARTITIONED) {
            ddl.append("PARTITION BY ").append(scheme.getKind()).append('(')
                    .append(String.join(", ", columnNames(table, scheme.getColumnsList()))).append(")\n(");
            List<String> partitions = new ArrayList<>();
            for (PartitionDefinition partition : table.getPartitionsList()) {
                partitions.add("PARTITION " + partition.getName() + " VALUES " + bound(table, partition));
            }
            ddl.append(String.join(",\n", partitions)).append(")\n");
        }
        if (table.getDistribution().getHashColumnsCount() == 0) {
            ddl.append("DISTRIBUTED BY RANDOM");
        } else {
            ddl.append("DISTRIBUTED BY HASH(").append(String.join(", ",
                    columnNames(table, table.getDistribution().getHashColumnsList()))).append(')');
        }
        ddl.append(" BUCKETS ").append(table.getDistribution().getBuckets()).append("\nPROPERTIES (\n");
        List<String> properties = new ArrayList<>();
        properties.add("\"replication_allocation\" = \"" + TableDefinitionBuilder.allocationText(table) + "\"");
        for (Property property : table.getPropertiesList()) {
            properties.add("\"" + property.getKey() + "\" = \"" + property.getValue() + "\"");
        }
        return ddl.append(String.join(",\n", properties)).append("\n);").toString();
    }

    /** {@code [("1"), ("10"))} for RANGE, {@code IN (("a"), ("b"))} for LIST, "" otherwise. */
    public static String range(TableDefinition table, PartitionDefinition partition) {
        return table.getPartitioning().getKind() == PartitionScheme.Kind.UNPARTITIONED ? "" : bound(table, partition);
    }

    private static String bound(TableDefinition table, PartitionDefinition partition) {
        List<ColumnSchema> columns = table.getPartitioning().getColumnsList().stream()
                .map(i -> table.getColumns(i).getSchema()).toList();
        if (table.getPartitioning().getKind() == PartitionScheme.Kind.LIST) {
            List<String> tuples = new ArrayList<>();
            for (ListValue value : partition.getListValuesList()) {
                tuples.add(tuple(columns, value.getValuesList(), false));
            }
            return "IN (" + String.join(", ", tuples) + ")";
        }
        return "[" + tuple(columns, partition.getLowerBoundList(), false) + ", "
                + tuple(columns, partition.getUpperBoundList(), true) + ")";
    }

    private static String tuple(List<ColumnSchema> columns, List<Literal> values, boolean upper) {
        if (values.isEmpty()) {
            return upper ? "(MAXVALUE)" : "(MINVALUE)";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add("\"" + ColumnValues.display(columns.get(i), Literals.value(columns.get(i), values.get(i))) + "\"");
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static List<String> columnNames(TableDefinition table, List<Integer> indexes) {
        return indexes.stream().map(i -> "`" + table.getColumns(i).getSchema().getName() + "`").toList();
    }
}
