package io.tessera.fe.ddl;

import io.tessera.data.TableRouting;
import io.tessera.data.Literals;
import io.tessera.data.ColumnValues;
import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.FixedRangeBound;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.LessThanBound;
import io.tessera.fe.sql.ast.ListValuesBound;
import io.tessera.fe.sql.ast.PartitionDefinition;
import io.tessera.fe.sql.ast.PartitionDescription;
import io.tessera.fe.sql.ast.PartitionType;
import io.tessera.fe.sql.ast.PartitionValue;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.data.Literal;
import io.tessera.proto.journal.ListValue;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns PARTITION BY clauses into partition bounds over typed values: RANGE partitions as
 * {@code [lower, upper)} (a {@code LESS THAN} partition starts where the previous one ends; an
 * empty bound is MINVALUE/MAXVALUE), LIST partitions as value tuples; overlaps and duplicates are
 * refused. The result has no ids or tablets yet. Stateless.
 */
public final class PartitionLayouts {
    private PartitionLayouts() {
    }

    /** A partition's name, bounds and properties, before ids and tablets. */
    public record PartitionShape(String name, List<Literal> lower, List<Literal> upper, List<ListValue> listValues,
                                 List<Property> properties) {
    }

    /** The shape of a partition the catalog already has. */
    public static PartitionShape shapeOf(io.tessera.proto.journal.PartitionDefinition partition) {
        return new PartitionShape(partition.getName(), partition.getLowerBoundList(), partition.getUpperBoundList(),
                partition.getListValuesList(), partition.getPropertiesList());
    }

    /**
     * The shape of a partition added to an existing table: a {@code LESS THAN} partition starts
     * where the partition with the highest upper bound ends.
     */
    public static PartitionShape addedShape(io.tessera.proto.journal.TableDefinition table,
                                            PartitionDefinition partition) {
        List<ColumnSchema> columns = table.getColumnsList().stream()
                .map(io.tessera.proto.journal.ColumnDefinition::getSchema).toList();
        PartitionScheme scheme = table.getPartitioning();
        if (scheme.getKind() == PartitionScheme.Kind.UNPARTITIONED) {
            throw new TesseraException("Table '" + table.getName() + "' is not partitioned: it cannot add a partition");
        }
        List<ColumnSchema> keyColumns = scheme.getColumnsList().stream().map(columns::get).toList();
        PartitionDescription single = new PartitionDescription(
                scheme.getKind() == PartitionScheme.Kind.RANGE ? PartitionType.RANGE : PartitionType.LIST,
                keyColumns.stream().map(ColumnSchema::getName).toList(), List.of(partition));
        PartitionShape shape = shapes(single, scheme, columns, table.getName()).get(0);
        if (partition.bound() instanceof LessThanBound) {
            List<Literal> lower = List.of();
            for (io.tessera.proto.journal.PartitionDefinition existing : table.getPartitionsList()) {
                if (existing.getUpperBoundCount() == 0) {
                    throw new TesseraException("Range of partition " + partition.name()
                            + " is intersected with range of partition " + existing.getName());
                }
                if (lower.isEmpty() || compare(keyColumns, existing.getUpperBoundList(), lower) > 0) {
                    lower = existing.getUpperBoundList();
                }
            }
            shape = new PartitionShape(shape.name(), lower, shape.upper(), shape.listValues(), shape.properties());
        }
        List<PartitionShape> all = new ArrayList<>();
        for (io.tessera.proto.journal.PartitionDefinition existing : table.getPartitionsList()) {
            if (existing.getName().equals(partition.name())) {
                throw new TesseraException("Duplicate partition name " + partition.name());
            }
            all.add(shapeOf(existing));
        }
        all.add(shape);
        checkNoOverlap(all, keyColumns, scheme);
        return shape;
    }

    /**
     * The partition columns of a new table, by Doris master's rule (Nereids
     * {@code CreateTableInfo.validatePartitionColumn}): a value column may partition the table
     * unless it is aggregated, which is every value column of an AGGREGATE KEY table and of a
     * UNIQUE KEY table (merge-on-read value columns are REPLACE, merge-on-write ones are refused
     * outright); a DUPLICATE KEY table's value columns are not aggregated, so any of them may.
     * Floating point and STRING columns never partition a table.
     */
    public static PartitionScheme scheme(PartitionDescription description, List<ColumnSchema> columns,
                                         KeysType keysType) {
        if (description == null) {
            return PartitionScheme.newBuilder().setKind(PartitionScheme.Kind.UNPARTITIONED).build();
        }
        PartitionScheme.Builder scheme = PartitionScheme.newBuilder().setKind(
                description.type() == PartitionType.RANGE ? PartitionScheme.Kind.RANGE : PartitionScheme.Kind.LIST);
        for (String name : description.columns()) {
            int index = indexOf(columns, name);
            if (index < 0) {
                throw new TesseraException("Partition column[" + name + "] does not exist in column list.");
            }
            ColumnSchema column = columns.get(index);
            if (!column.getIsKey() && keysType != KeysType.DUPLICATE) {
                throw new TesseraException("The partition column could not be aggregated column");
            }
            if (column.getType() == DataType.FLOAT || column.getType() == DataType.DOUBLE) {
                throw new TesseraException("Floating point type column can not be partition column");
            }
            if (column.getType() == DataType.STRING) {
                throw new TesseraException("String Type should not be used in partition column["
                        + column.getName() + "].");
            }
            scheme.addColumns(index);
        }
        return scheme.build();
    }

    public static List<PartitionShape> shapes(PartitionDescription description, PartitionScheme scheme,
                                              List<ColumnSchema> columns, String tableName) {
        if (scheme.getKind() == PartitionScheme.Kind.UNPARTITIONED) {
            return List.of(new PartitionShape(tableName, List.of(), List.of(), List.of(), List.of()));
        }
        if (description.partitions().isEmpty()) {
            throw new TesseraException("A " + description.type() + " partitioned table needs at least one partition");
        }
        List<ColumnSchema> keyColumns = scheme.getColumnsList().stream().map(columns::get).toList();
        List<PartitionShape> shapes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Literal> previousUpper = List.of();
        for (PartitionDefinition partition : description.partitions()) {
            if (!names.add(partition.name())) {
                throw new TesseraException("Duplicate partition name " + partition.name());
            }
            List<Property> properties = properties(partition.properties());
            if (partition.bound() instanceof LessThanBound lessThan) {
                requireKind(scheme, PartitionScheme.Kind.RANGE, partition);
                List<Literal> upper = bound(keyColumns, lessThan.upper(), partition.name());
                shapes.add(new PartitionShape(partition.name(), previousUpper, upper, List.of(), properties));
                previousUpper = upper;
            } else if (partition.bound() instanceof FixedRangeBound fixed) {
                requireKind(scheme, PartitionScheme.Kind.RANGE, partition);
                shapes.add(new PartitionShape(partition.name(), bound(keyColumns, fixed.lower(), partition.name()),
                        bound(keyColumns, fixed.upper(), partition.name()), List.of(), properties));
            } else {
                requireKind(scheme, PartitionScheme.Kind.LIST, partition);
                List<ListValue> values = new ArrayList<>();
                for (List<PartitionValue> tuple : ((ListValuesBound) partition.bound()).values()) {
                    values.add(ListValue.newBuilder().addAllValues(bound(keyColumns, tuple, partition.name())).build());
                }
                shapes.add(new PartitionShape(partition.name(), List.of(), List.of(), values, properties));
            }
        }
        checkNoOverlap(shapes, keyColumns, scheme);
        return shapes;
    }

    private static List<Literal> bound(List<ColumnSchema> keyColumns, List<PartitionValue> values, String partition) {
        if (values.size() > keyColumns.size()) {
            throw new TesseraException("Partition " + partition + " has " + values.size() + " values for "
                    + keyColumns.size() + " partition column(s)");
        }
        List<Literal> literals = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).maxValue()) {
                if (i != 0 || values.size() != 1) {
                    throw new TesseraException("MAXVALUE must be the only value of partition " + partition);
                }
                return List.of();
            }
            ColumnSchema column = keyColumns.get(i).toBuilder().setNullable(true).build();
            Object typed = ColumnValues.coerce(column, values.get(i).literal().value());
            literals.add(Literals.of(column, typed));
        }
        return literals;
    }

    public static void checkNoOverlap(List<PartitionShape> shapes, List<ColumnSchema> keyColumns,
                                       PartitionScheme scheme) {
        if (scheme.getKind() == PartitionScheme.Kind.LIST) {
            Set<List<Object>> seen = new HashSet<>();
            for (PartitionShape shape : shapes) {
                for (ListValue value : shape.listValues()) {
                    List<Object> key = typed(keyColumns, value.getValuesList());
                    if (!seen.add(key)) {
                        throw new TesseraException("The partition key" + key + " in partition item[" + shape.name()
                                + "] is conflict");
                    }
                }
            }
            return;
        }
        for (int i = 0; i < shapes.size(); i++) {
            PartitionShape a = shapes.get(i);
            if (!a.upper().isEmpty() && !a.lower().isEmpty()
                    && compare(keyColumns, a.lower(), a.upper()) >= 0) {
                throw new TesseraException("The lower values must smaller than upper values in partition " + a.name());
            }
            for (int j = 0; j < i; j++) {
                PartitionShape b = shapes.get(j);
                if (overlaps(keyColumns, a, b)) {
                    throw new TesseraException("Range of partition " + a.name() + " is intersected with range of "
                            + "partition " + b.name());
                }
            }
        }
    }

    private static boolean overlaps(List<ColumnSchema> columns, PartitionShape a, PartitionShape b) {
        boolean aBeforeB = !a.upper().isEmpty() && !b.lower().isEmpty() && compare(columns, a.upper(), b.lower()) <= 0;
        boolean bBeforeA = !b.upper().isEmpty() && !a.lower().isEmpty() && compare(columns, b.upper(), a.lower()) <= 0;
        return !aBeforeB && !bBeforeA;
    }

    private static int compare(List<ColumnSchema> columns, List<Literal> left, List<Literal> right) {
        return TableRouting.compareKey(columns, typed(columns, left), right);
    }

    private static List<Object> typed(List<ColumnSchema> columns, List<Literal> literals) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            values.add(Literals.value(columns.get(i), literals.get(i)));
        }
        return values;
    }

    private static void requireKind(PartitionScheme scheme, PartitionScheme.Kind kind, PartitionDefinition partition) {
        if (scheme.getKind() != kind) {
            throw new TesseraException("Partition " + partition.name() + " does not fit a " + scheme.getKind()
                    + " partitioned table");
        }
    }

    static List<Property> properties(Map<String, String> properties) {
        List<Property> result = new ArrayList<>();
        properties.forEach((key, value) -> result.add(Property.newBuilder().setKey(key).setValue(value).build()));
        return result;
    }

    static int indexOf(List<ColumnSchema> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
