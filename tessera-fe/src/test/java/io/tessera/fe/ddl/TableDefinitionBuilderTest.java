package io.tessera.fe.ddl;

import io.tessera.data.TableRouting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.meta.IdAllocatorForTests;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.PartitionDescription;
import io.tessera.fe.sql.ast.PartitionType;
import io.tessera.proto.data.ColumnSchema;
import io.tessera.proto.data.DataType;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.PartitionScheme;
import io.tessera.proto.journal.TableDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDefinitionBuilderTest {
    private final SqlParser parser = new SqlParser();

    private TableDefinition build(String sql) {
        CreateTableStatement statement = (CreateTableStatement) parser.parse(sql);
        long[] next = {0};
        return TableDefinitionBuilder.build(statement, new IdAllocatorForTests(20000).allocator(),
                (tablets, allocation) -> {
                    List<List<Long>> placement = new ArrayList<>();
                    int replicas = allocation.values().stream().mapToInt(Integer::intValue).sum();
                    for (int t = 0; t < tablets; t++) {
                        List<Long> backends = new ArrayList<>();
                        for (int r = 0; r < replicas; r++) {
                            backends.add(10000 + (next[0]++ % 3));
                        }
                        placement.add(backends);
                    }
                    return placement;
                }, 1_700_000_000_000L);
    }

    @Test
    void buildsDorisRangeExample() {
        TableDefinition table = build("CREATE TABLE example_db.table_range (`k1` DATE, `k2` INT, `k3` SMALLINT, "
                + "`v1` VARCHAR(2048), `v2` DATETIME DEFAULT \"2014-02-04 15:36:00\") ENGINE=olap "
                + "DUPLICATE KEY(`k1`, `k2`, `k3`) PARTITION BY RANGE (`k1`) ("
                + "PARTITION `p1` VALUES LESS THAN (\"2014-01-01\"), PARTITION `p2` VALUES LESS THAN (\"2014-06-01\"), "
                + "PARTITION `p3` VALUES LESS THAN (\"2014-12-01\")) DISTRIBUTED BY HASH(`k2`) BUCKETS 32 "
                + "PROPERTIES (\"replication_num\" = \"1\")");
        assertThat(table.getTableId()).isEqualTo(20000);
        assertThat(table.getColumnsList()).extracting(c -> c.getSchema().getIsKey())
                .containsExactly(true, true, true, false, false);
        assertThat(table.getColumns(4).getDefaultValue()).isEqualTo("2014-02-04 15:36:00");
        assertThat(table.getPartitioning().getKind()).isEqualTo(PartitionScheme.Kind.RANGE);
        assertThat(table.getPartitionsList()).extracting(PartitionDefinition::getName).containsExactly("p1", "p2", "p3");
        assertThat(table.getPartitions(0).getLowerBoundCount()).isZero();
        assertThat(table.getPartitions(1).getTabletsCount()).isEqualTo(32);
        assertThat(table.getPartitions(1).getTablets(0).getReplicasCount()).isEqualTo(1);
        assertThat(TableRouting.partitionIndex(table, Arrays.asList(LocalDate.of(2014, 3, 1), 1L, 1L, "a", null)))
                .isEqualTo(1);
        assertThatThrownBy(() -> TableRouting.partitionIndex(table,
                Arrays.asList(LocalDate.of(2015, 1, 1), 1L, 1L, "a", null)))
                .hasMessage("no partition for value '2015-01-01' in table 'table_range'");
        assertThat(TableDdlPrinter.print(table)).contains("PARTITION BY RANGE(`k1`)",
                "PARTITION p2 VALUES [(\"2014-01-01\"), (\"2014-06-01\"))", "DISTRIBUTED BY HASH(`k2`) BUCKETS 32",
                "\"replication_allocation\" = \"tag.location.default: 1\"");
    }

    @Test
    void appliesDorisDefaults() {
        TableDefinition table = build("CREATE TABLE t (k1 INT, k2 BIGINT, v VARCHAR(10), d DOUBLE)");
        assertThat(table.getColumnsList()).extracting(c -> c.getSchema().getIsKey())
                .containsExactly(true, true, true, false);
        assertThat(table.getDistribution().getBuckets()).isEqualTo(10);
        assertThat(table.getDistribution().getHashColumnsCount()).isZero();
        assertThat(table.getReplicaAllocation(0).getCount()).isEqualTo(3);
        assertThat(table.getPartitionsList()).extracting(PartitionDefinition::getName).containsExactly("t");
        assertThat(build("CREATE TABLE t (a BIGINT, b BIGINT, c BIGINT, d INT)").getColumnsList())
                .extracting(c -> c.getSchema().getIsKey()).containsExactly(true, true, true, false);
        assertThat(build("CREATE TABLE t (a DECIMAL, b VARCHAR)").getColumns(0).getSchema())
                .satisfies(s -> assertThat(s.getPrecision()).isEqualTo(9));
        assertThatThrownBy(() -> build("CREATE TABLE t (d DOUBLE, k INT)"))
                .hasMessageStartingWith("The olap table first column could not be float, double, string");
    }

    @Test
    void refusesBadDefinitions() {
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT, a INT)")).hasMessage("Duplicate column name 'a'");
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT, b INT) DUPLICATE KEY(b)"))
                .hasMessageStartingWith("Key columns should be a ordered prefix of the schema");
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT, b INT) PARTITION BY RANGE(a) ("
                + "PARTITION p1 VALUES [(\"1\"), (\"10\")), PARTITION p2 VALUES [(\"5\"), (\"20\")))"))
                .hasMessage("Range of partition p2 is intersected with range of partition p1");
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT, b INT) PARTITION BY LIST(a) ("
                + "PARTITION p1 VALUES IN (\"1\"), PARTITION p2 VALUES IN (\"1\"))"))
                .hasMessageContaining("is conflict");
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT) PROPERTIES (\"replication_num\" = \"x\")"))
                .hasMessage("Invalid replication number: x");
        assertThatThrownBy(() -> build("CREATE TABLE t (a INT, b INT) DISTRIBUTED BY HASH(c) BUCKETS 2"))
                .hasMessage("Distribution column[c] is not found");
    }

    @Test
    void aDuplicateKeyTableMayBePartitionedByAValueColumn() {
        TableDefinition table = build("CREATE TABLE t (k INT, v INT, name VARCHAR(10)) DUPLICATE KEY(k) "
                + "PARTITION BY RANGE(v) (PARTITION p1 VALUES LESS THAN (\"10\"), PARTITION p2 VALUES LESS THAN "
                + "(MAXVALUE)) DISTRIBUTED BY HASH(k) BUCKETS 1");
        assertThat(table.getColumns(1).getSchema().getIsKey()).isFalse();
        assertThat(table.getPartitioning().getColumnsList()).containsExactly(1);
        assertThat(TableRouting.partitionIndex(table, Arrays.asList(1L, 5L, "a"))).isZero();
        assertThat(TableRouting.partitionIndex(table, Arrays.asList(1L, 50L, "a"))).isEqualTo(1);
        TableDefinition byList = build("CREATE TABLE t (k INT, name VARCHAR(10)) DUPLICATE KEY(k) "
                + "PARTITION BY LIST(name) (PARTITION pa VALUES IN ('a'), PARTITION pb VALUES IN ('b'))");
        assertThat(TableRouting.partitionIndex(byList, Arrays.asList(1L, "b"))).isEqualTo(1);
    }

    @Test
    void refusesDorisForbiddenPartitionColumns() {
        assertThatThrownBy(() -> build("CREATE TABLE t (k INT, d DOUBLE) DUPLICATE KEY(k) PARTITION BY RANGE(d) ("
                + "PARTITION p1 VALUES LESS THAN (\"10\"))"))
                .hasMessage("Floating point type column can not be partition column");
        assertThatThrownBy(() -> build("CREATE TABLE t (k INT, s STRING) DUPLICATE KEY(k) PARTITION BY LIST(s) ("
                + "PARTITION p1 VALUES IN (\"a\"))"))
                .hasMessage("String Type should not be used in partition column[s].");
        assertThatThrownBy(() -> build("CREATE TABLE t (k INT, v INT) PARTITION BY RANGE(x) ("
                + "PARTITION p1 VALUES LESS THAN (\"10\"))"))
                .hasMessage("Partition column[x] does not exist in column list.");
    }

    @Test
    void aggregatedValueColumnsNeverPartitionATable() {
        List<ColumnSchema> columns = List.of(
                ColumnSchema.newBuilder().setName("k").setType(DataType.INT).setIsKey(true).build(),
                ColumnSchema.newBuilder().setName("v").setType(DataType.INT).build());
        PartitionDescription byValue = new PartitionDescription(PartitionType.RANGE, List.of("v"), List.of());
        for (KeysType model : List.of(KeysType.AGGREGATE, KeysType.UNIQUE)) {
            assertThatThrownBy(() -> PartitionLayouts.scheme(byValue, columns, model))
                    .hasMessage("The partition column could not be aggregated column");
        }
        PartitionDescription byKey = new PartitionDescription(PartitionType.RANGE, List.of("k"), List.of());
        assertThat(PartitionLayouts.scheme(byKey, columns, KeysType.AGGREGATE).getColumnsList()).containsExactly(0);
        assertThat(PartitionLayouts.scheme(byValue, columns, KeysType.DUPLICATE).getColumnsList()).containsExactly(1);
    }

    @Test
    void listPartitionsRouteByValue() {
        TableDefinition table = build("CREATE TABLE t (city VARCHAR(20), v INT) PARTITION BY LIST(city) ("
                + "PARTITION p_east VALUES IN (\"Boston\", \"NYC\"), PARTITION p_west VALUES IN ('LA'))");
        assertThat(table.getColumns(0).getSchema().getType()).isEqualTo(DataType.VARCHAR);
        assertThat(TableRouting.partitionIndex(table, Arrays.asList("LA", 1L))).isEqualTo(1);
        assertThat(TableRouting.partitionIndex(table, Arrays.asList("NYC", 1L))).isZero();
    }
}
