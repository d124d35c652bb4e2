package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.column;
import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SHOW PARTITIONS, SHOW TABLETS, ALTER TABLE ADD/DROP PARTITION on range-partitioned tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionStatementsTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    /** A session in a fresh database holding table p: p0 below 100, p1 below 200, 2 buckets, 3 replicas. */
    private ClusterSession partitionedTable(String database) {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE " + database);
        session.execute("USE " + database);
        session.execute("CREATE TABLE p (k INT NOT NULL, v BIGINT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
                + "PARTITION p0 VALUES LESS THAN (\"100\"), PARTITION p1 VALUES LESS THAN (\"200\")) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"3\")");
        return session;
    }

    @Test
    void showsPartitionsWithDorisColumns() {
        ClusterSession session = partitionedTable("part_show");

        List<Map<String, String>> partitions = maps(session.query("SHOW PARTITIONS FROM p"));
        assertThat(partitions.get(0).keySet()).containsExactly("PartitionId", "PartitionName", "VisibleVersion",
                "VisibleVersionTime", "State", "PartitionKey", "Range", "DistributionKey", "Buckets",
                "ReplicationNum", "StorageMedium", "CooldownTime", "RemoteStoragePolicy", "LastConsistencyCheckTime",
                "DataSize", "IsInMemory", "ReplicaAllocation", "IsMutable", "SyncWithBaseTables", "UnsyncTables",
                "CommittedVersion", "RowCount");
        assertThat(partitions).extracting(row -> row.get("PartitionName")).containsExactly("p0", "p1");
        assertThat(partitions).extracting(row -> row.get("Range")).containsExactly(
                "[types: [INT]; keys: [-2147483648]; ..types: [INT]; keys: [100]; )",
                "[types: [INT]; keys: [100]; ..types: [INT]; keys: [200]; )");
        assertThat(partitions).allSatisfy(row -> {
            assertThat(row.get("VisibleVersion")).isEqualTo("1");
            // The FE's manual clock stands at its start, shown in the session's time zone.
            assertThat(row.get("VisibleVersionTime")).isEqualTo("2025-01-01 08:00:00");
            assertThat(row.get("State")).isEqualTo("NORMAL");
            assertThat(row.get("PartitionKey")).isEqualTo("k");
            assertThat(row.get("DistributionKey")).isEqualTo("k");
            assertThat(row.get("Buckets")).isEqualTo("2");
            assertThat(row.get("ReplicationNum")).isEqualTo("3");
            assertThat(row.get("ReplicaAllocation")).isEqualTo("tag.location.default: 3");
        });
        assertThat(session.rows("SHOW TABLETS FROM p")).hasSize(2 * 2 * 3);
        assertThat(session.rows("SHOW TABLETS FROM p PARTITION (p1)")).hasSize(2 * 3);
        assertThat(session.rows("SHOW TABLETS FROM p PARTITIONS (p0, p1)")).hasSize(2 * 2 * 3);
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> session.execute("SHOW TABLETS FROM p PARTITION (p0, nope)"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_OBJECT);
        assertThat(unknown.code().mysqlCode()).isEqualTo(1105);
        assertThat(unknown.clientMessage()).isEqualTo("errCode = 2, detailMessage = Unknown partition: nope");
    }

    @Test
    void addsAndDropsPartitions() {
        ClusterSession session = partitionedTable("part_alter");

        assertThat(session.execute("ALTER TABLE p ADD PARTITION p2 VALUES LESS THAN (\"300\")"))
                .isEqualTo(OkResult.EMPTY);
        assertThat(column(session.query("SHOW PARTITIONS FROM p"), "PartitionName")).containsExactly("p0", "p1", "p2");
        assertThat(column(session.query("SHOW PARTITIONS FROM p"), "Range")).last()
                .isEqualTo("[types: [INT]; keys: [200]; ..types: [INT]; keys: [300]; )");
        assertThat(session.rows("SHOW TABLETS FROM p")).hasSize(3 * 2 * 3);

        TesseraException duplicate = catchThrowableOfType(TesseraException.class,
                () -> session.execute("ALTER TABLE p ADD PARTITION p2 VALUES LESS THAN (\"400\")"));
        assertThat(duplicate.code().mysqlCode()).isEqualTo(1105);
        assertThat(duplicate.getMessage()).isEqualTo("Duplicate partition name p2");

        assertThat(session.execute("ALTER TABLE p DROP PARTITION p1")).isEqualTo(OkResult.EMPTY);
        assertThat(column(session.query("SHOW PARTITIONS FROM p"), "PartitionName")).containsExactly("p0", "p2");
        assertThat(session.rows("SHOW TABLETS FROM p")).hasSize(2 * 2 * 3);
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> session.execute("ALTER TABLE p DROP PARTITION p9"));
        assertThat(unknown.code().mysqlCode()).isEqualTo(1105);
        assertThat(unknown.getMessage()).isEqualTo("Error in list of partitions to p9");
    }

    @Test
    void routesRowsToTheirPartitionAndRefusesRowsOutsideEveryRange() {
        ClusterSession session = partitionedTable("part_rows");
        session.execute("INSERT INTO p VALUES (5, 50), (150, 1500), (199, 1990)");

        List<Map<String, String>> partitions = maps(session.query("SHOW PARTITIONS FROM p"));
        assertThat(partitions).extracting(row -> row.get("VisibleVersion")).containsExactly("2", "2");
        assertThat(maps(session.query("SHOW TABLETS FROM p"))).extracting(row -> row.get("Version"))
                .containsOnly("2");
        TesseraException outside = catchThrowableOfType(TesseraException.class,
                () -> session.execute("INSERT INTO p VALUES (500, 1)"));
        assertThat(outside.code().mysqlCode()).isEqualTo(1105);
        assertThat(outside.getMessage()).isEqualTo("no partition for value '500' in table 'p'");

        session.execute("ALTER TABLE p DROP PARTITION p1");
        assertThat(session.rows("SELECT k, v FROM p ORDER BY k")).containsExactly(List.of("5", "50"));
    }

    @Test
    void aDuplicateKeyTablePartitionedByAValueColumnLoadsAndReadsBack() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE part_value");
        session.execute("USE part_value");
        session.execute("CREATE TABLE pv (k INT NOT NULL, v INT NOT NULL, name VARCHAR(8)) DUPLICATE KEY(k) "
                + "PARTITION BY RANGE(v) (PARTITION low VALUES LESS THAN (\"100\"), "
                + "PARTITION high VALUES LESS THAN (MAXVALUE)) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES (\"replication_num\" = \"2\")");
        assertThat(session.update("INSERT INTO pv VALUES (1, 5, 'a'), (2, 150, 'b'), (3, 99, 'c'), (4, 100, 'd')")
                .affectedRows()).isEqualTo(4);

        assertThat(session.rows("SELECT k, v FROM pv WHERE v < 100 ORDER BY k"))
                .containsExactly(List.of("1", "5"), List.of("3", "99"));
        assertThat(session.rows("SELECT k, name FROM pv WHERE v >= 100 ORDER BY k"))
                .containsExactly(List.of("2", "b"), List.of("4", "d"));
        assertThat(session.rows("SELECT count(*) FROM pv WHERE v = 150")).containsExactly(List.of("1"));
        assertThat(session.rows("SELECT k FROM pv ORDER BY k")).hasSize(4);
        assertThat(session.rows("SHOW CREATE TABLE pv").get(0).get(1)).contains("PARTITION BY RANGE(`v`)");
    }
}
