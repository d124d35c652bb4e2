package io.tessera.fe.ddl;

import io.tessera.fe.catalog.ReplicaAllocations;
import io.tessera.fe.sql.ColumnTypes;
import io.tessera.data.Literals;
import io.tessera.data.ColumnValues;
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
        properties.add("\"replication_allocation\" = \"" + ReplicaAllocations.display(table) + "\"");
        for (Property property : table.getPropertiesList()) {
            properties.add("\"" + property.getKey() + "\" = \"" + property.getValue() + "\"");
        }
        return ddl.append(String.join(",\n", properties)).append("\n);").toString();
    }

    /**
     * SHOW PARTITIONS' Range, in Doris's form: {@code [types: [INT]; keys: [-2147483648]; ..types: [INT];
     * keys: [100]; )} for RANGE (MINVALUE shown as the type's minimum, MAXVALUE as its maximum),
     * the value tuples for LIST, "" when unpartitioned.
     */
    public static String range(TableDefinition table, PartitionDefinition partition) {
        PartitionScheme.Kind kind = table.getPartitioning().getKind();
        if (kind == PartitionScheme.Kind.UNPARTITIONED) {
            return "";
        }
        List<ColumnSchema> columns = table.getPartitioning().getColumnsList().stream()
                .map(i -> table.getColumns(i).getSchema()).toList();
        if (kind == PartitionScheme.Kind.LIST) {
            return bound(table, partition);
        }
        return "[" + rangeKey(columns, partition.getLowerBoundList(), false) + ".."
                + rangeKey(columns, partition.getUpperBoundList(), true) + ")";
    }

    private static String rangeKey(List<ColumnSchema> columns, List<Literal> values, boolean upper) {
        List<String> types = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSchema column = columns.get(i);
            types.add(column.getType() == io.tessera.proto.data.DataType.DATE ? "DATEV2" : column.getType().name());
            keys.add(i < values.size()
                    ? ColumnValues.display(column, Literals.value(column, values.get(i)))
                    : extreme(column, upper && values.isEmpty()));
        }
        return "types: [" + String.join(", ", types) + "]; keys: [" + String.join(", ", keys) + "]; ";
    }

    /** The smallest (or largest) value of a partition column's type, as Doris prints MINVALUE/MAXVALUE. */
    private static String extreme(ColumnSchema column, boolean max) {
        return switch (column.getType()) {
            case TINYINT -> max ? "127" : "-128";
            case SMALLINT -> max ? "32767" : "-32768";
            case INT -> max ? "2147483647" : "-2147483648";
            case BIGINT -> max ? "9223372036854775807" : "-9223372036854775808";
            case DATE -> max ? "9999-12-31" : "0000-01-01";
            case DATETIME -> max ? "9999-12-31 23:59:59" : "0000-01-01 00:00:00";
            default -> max ? "MAXVALUE" : "MINVALUE";
        };
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
