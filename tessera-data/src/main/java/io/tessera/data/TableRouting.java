package io.tessera.data;

import io.tessera.common.TesseraException;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ListValue;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.TableDefinition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Where a row of a table belongs: its partition (by the partition columns' values against RANGE
 * bounds or LIST values) and its bucket (a CRC32C hash of the HASH columns' values modulo the
 * bucket count, so the same row always lands in the same tablet). Stateless; typed values as in
 * {@link ColumnValues}.
 */
public final class TableRouting {
    private TableRouting() {
    }

    /** The index of the partition the row belongs to, or a clear error naming the value. */
    public static int partitionIndex(TableDefinition table, List<Object> row) {
        PartitionScheme scheme = table.getPartitioning();
        if (scheme.getKind() == PartitionScheme.Kind.UNPARTITIONED) {
            return 0;
        }
        List<ColumnSchema> keyColumns = new ArrayList<>();
        List<Object> key = new ArrayList<>();
        for (int column : scheme.getColumnsList()) {
            keyColumns.add(table.getColumns(column).getSchema());
            key.add(row.get(column));
        }
        for (int p = 0; p < table.getPartitionsCount(); p++) {
            PartitionDefinition partition = table.getPartitions(p);
            if (scheme.getKind() == PartitionScheme.Kind.RANGE ? inRange(keyColumns, key, partition)
                    : inList(keyColumns, key, partition)) {
                return p;
            }
        }
        throw new TesseraException("no partition for value " + displayKey(keyColumns, key) + " in table '"
                + table.getName() + "'");
    }

    /** Whether the key falls in [lower, upper). */
    public static boolean inRange(List<ColumnSchema> columns, List<Object> key, PartitionDefinition partition) {
        if (partition.getLowerBoundCount() > 0 && compareKey(columns, key, partition.getLowerBoundList()) < 0) {
            return false;
        }
        return partition.getUpperBoundCount() == 0 || compareKey(columns, key, partition.getUpperBoundList()) < 0;
    }

    private static boolean inList(List<ColumnSchema> columns, List<Object> key, PartitionDefinition partition) {
        for (ListValue value : partition.getListValuesList()) {
            if (compareKey(columns, key, value.getValuesList()) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Compares a key with a bound, column by column (NULL sorts first); a shorter bound compares on its prefix. */
    public static int compareKey(List<ColumnSchema> columns, List<Object> key, List<io.tessera.proto.data.Literal> bound) {
        for (int i = 0; i < bound.size() && i < key.size(); i++) {
            int result = compareValues(key.get(i), Literals.value(columns.get(i), bound.get(i)));
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }

    /** The bucket (tablet index within the partition) of a row. */
    public static int bucket(TableDefinition table, List<Object> row, long randomValue) {
        int buckets = table.getDistribution().getBuckets();
        if (table.getDistribution().getHashColumnsCount() == 0) {
            return (int) Math.floorMod(randomValue, (long) buckets);
        }
        CRC32C crc = new CRC32C();
        for (int column : table.getDistribution().getHashColumnsList()) {
            Object value = row.get(column);
            byte[] bytes = value == null ? new byte[] {0} : value.toString().getBytes(StandardCharsets.UTF_8);
            crc.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            crc.update(bytes);
        }
        return (int) (crc.getValue() % buckets);
    }

    private static String displayKey(List<ColumnSchema> columns, List<Object> key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(String.valueOf(ColumnValues.display(columns.get(i), key.get(i))));
        }
        return parts.size() == 1 ? "'" + parts.get(0) + "'" : "(" + String.join(", ", parts) + ")";
    }
}
