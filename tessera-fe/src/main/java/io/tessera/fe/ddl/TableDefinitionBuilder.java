package io.tessera.fe.ddl;

import io.tessera.common.TesseraException;
import io.tessera.fe.meta.IdAllocator;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.DistributionDescription;
import io.tessera.fe.sql.ast.DistributionType;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.journal.ColumnDefinition;
import io.tessera.proto.journal.Distribution;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a new table's complete definition from CREATE TABLE: columns and keys, partitions,
 * distribution (Doris's default is RANDOM BUCKETS AUTO, 10 buckets), replication
 * ({@code replication_num}, default 3, or {@code replication_allocation}), ids from the one id
 * generator, and a backend for every replica from the placement function. Stateless.
 */
public final class TableDefinitionBuilder {
    public static final int DEFAULT_BUCKETS = 10;
    public static final int DEFAULT_REPLICATION_NUM = 3;
    private static final String REPLICATION_NUM = "replication_num";
    private static final String REPLICATION_ALLOCATION = "replication_allocation";

    /** Chooses backends: per tablet, the backend ids of its replicas. */
    @FunctionalInterface
    public interface Placement {
        List<List<Long>> place(int tablets, Map<String, Integer> replicasPerLocation);
    }

    private TableDefinitionBuilder() {
    }

    public static TableDefinition build(CreateTableStatement statement, IdAllocator ids, Placement placement,
                                        long nowMs) {
        List<ColumnDefinition> columns = TableSchemaBuilder.columns(statement);
        List<ColumnSchema> schemas = columns.stream().map(ColumnDefinition::getSchema).toList();
        PartitionScheme scheme = PartitionLayouts.scheme(statement.partitioning(), schemas,
                statement.keys() == null ? KeysType.DUPLICATE : statement.keys().type());
        List<PartitionLayouts.PartitionShape> shapes = PartitionLayouts.shapes(statement.partitioning(), scheme,
                schemas, statement.table().table());
        Distribution distribution = distribution(statement.distribution(), schemas);
        Map<String, String> properties = new LinkedHashMap<>(statement.properties());
        Map<String, Integer> allocation = replicaAllocation(properties);
        properties.remove(REPLICATION_NUM);
        properties.remove(REPLICATION_ALLOCATION);

        long tableId = ids.allocate();
        TableDefinition.Builder table = TableDefinition.newBuilder()
                .setTableId(tableId)
                .setName(statement.table().table())
                .addAllColumns(columns)
                .setComment(statement.comment() == null ? "" : statement.comment())
                .setPartitioning(scheme)
                .setDistribution(distribution)
                .addAllProperties(PartitionLayouts.properties(properties))
                .setSchemaHash((int) (tableId * 2654435761L))
                .setCreateTimeMs(nowMs);
        allocation.forEach((location, count) -> table.addReplicaAllocation(
                TagReplicaCount.newBuilder().setLocation(location).setCount(count)));
        List<List<Long>> backends = placement.place(shapes.size() * distribution.getBuckets(), allocation);
        int next = 0;
        for (PartitionLayouts.PartitionShape shape : shapes) {
            table.addPartitions(partition(shape, distribution.getBuckets(), ids, backends.subList(next,
                    next + distribution.getBuckets()), nowMs));
            next += distribution.getBuckets();
        }
        return table.build();
    }

    /** A partition with its tablets and replicas, at version 1 (empty). */
    public static PartitionDefinition partition(PartitionLayouts.PartitionShape shape, int buckets, IdAllocator ids,
                                                List<List<Long>> backends, long nowMs) {
        PartitionDefinition.Builder partition = PartitionDefinition.newBuilder()
                .setPartitionId(ids.allocate()).setName(shape.name())
                .addAllLowerBound(shape.lower()).addAllUpperBound(shape.upper())
                .addAllListValues(shape.listValues()).addAllProperties(shape.properties())
                .setVisibleVersion(1).setVisibleVersionTimeMs(nowMs);
        for (int bucket = 0; bucket < buckets; bucket++) {
            TabletDefinition.Builder tablet = TabletDefinition.newBuilder().setTabletId(ids.allocate());
            for (long backendId : backends.get(bucket)) {
                tablet.addReplicas(ReplicaDefinition.newBuilder().setReplicaId(ids.allocate())
                        .setBackendId(backendId).setVersion(1).setLastFailedVersion(-1));
            }
            partition.addTablets(tablet);
        }
        return partition.build();
    }

    private static Distribution distribution(DistributionDescription description, List<ColumnSchema> columns) {
        Distribution.Builder distribution = Distribution.newBuilder();
        int buckets = description == null || description.buckets() == null ? DEFAULT_BUCKETS : description.buckets();
        if (buckets < 1) {
            throw new TesseraException("Number of hash distribution should be greater than zero.");
        }
        distribution.setBuckets(buckets);
        if (description != null && description.type() == DistributionType.HASH) {
            for (String name : description.columns()) {
                int index = PartitionLayouts.indexOf(columns, name);
                if (index < 0) {
                    throw new TesseraException("Distribution column[" + name + "] is not found");
                }
                distribution.addHashColumns(index);
            }
        }
        return distribution.build();
    }

    /** {@code replication_num} = n, or {@code replication_allocation} = "tag.location.a: 1, tag.location.b: 2". */
    static Map<String, Integer> replicaAllocation(Map<String, String> properties) {
        Map<String, Integer> allocation = new LinkedHashMap<>();
        String text = properties.get(REPLICATION_ALLOCATION);
        if (text != null) {
            for (String part : text.split(",")) {
                String[] pair = part.split(":");
                String tag = pair[0].strip();
                if (pair.length != 2 || !tag.startsWith("tag.location.")) {
                    throw new TesseraException("Invalid replication allocation property: " + text);
                }
                allocation.put(tag.substring("tag.location.".length()), replicaCount(pair[1].strip(), text));
            }
            return allocation;
        }
        String number = properties.get(REPLICATION_NUM);
        allocation.put(io.tessera.fe.cluster.BackendTags.DEFAULT_LOCATION,
                number == null ? DEFAULT_REPLICATION_NUM : replicaCount(number.strip(), number));
        return allocation;
    }

    private static int replicaCount(String text, String property) {
        try {
            int count = Integer.parseInt(text);
            if (count <= 0 || count > Short.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new TesseraException("Invalid replication number: " + property);
        }
    }
}
