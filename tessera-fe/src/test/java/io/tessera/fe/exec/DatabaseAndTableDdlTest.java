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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** CREATE/DROP DATABASE and TABLE, SHOW CREATE TABLE, DESC, SHOW TABLES on a three-BE in-process cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseAndTableDdlTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private static TesseraException failure(ClusterSession session, String sql) {
        return catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
    }

    @Test
    void createsAndDropsDatabases() {
        ClusterSession session = cluster.session();
        assertThat(session.execute("CREATE DATABASE ddl_a")).isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SHOW DATABASES")).contains(List.of("ddl_a"), List.of("information_schema"),
                List.of("mysql"));

        TesseraException exists = failure(session, "CREATE DATABASE ddl_a");
        assertThat(exists.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(exists.code().mysqlCode()).isEqualTo(1105);
        assertThat(exists.getMessage()).isEqualTo("Can't create database 'ddl_a'; database exists");
        assertThat(session.execute("CREATE DATABASE IF NOT EXISTS ddl_a")).isEqualTo(OkResult.EMPTY);

        assertThat(session.execute("DROP DATABASE ddl_a")).isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SHOW DATABASES")).doesNotContain(List.of("ddl_a"));
        TesseraException missing = failure(session, "DROP DATABASE ddl_a");
        assertThat(missing.code().mysqlCode()).isEqualTo(1105);
        assertThat(missing.getMessage()).isEqualTo("Can't drop database 'ddl_a'; database doesn't exist");
        assertThat(session.execute("DROP DATABASE IF EXISTS ddl_a")).isEqualTo(OkResult.EMPTY);
    }

    @Test
    void showsTheCreateStatementAndColumnsOfATable() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE ddl_show");
        session.execute("USE ddl_show");
        session.execute("CREATE TABLE sales (k INT NOT NULL, name VARCHAR(16), amount DECIMAL(10, 2), day DATE) "
                + "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (\"replication_num\" = \"2\")");

        assertThat(session.rows("SHOW TABLES")).containsExactly(List.of("sales"));
        assertThat(session.rows("SHOW CREATE TABLE sales")).containsExactly(List.of("sales", """
                CREATE TABLE `sales` (
                  `k` int NOT NULL,
                  `name` varchar(16) NULL,
                  `amount` decimal(10,2) NULL,
                  `day` date NULL
                ) ENGINE=OLAP
                DUPLICATE KEY(`k`)
                COMMENT 'OLAP'
                DISTRIBUTED BY HASH(`k`) BUCKETS 3
                PROPERTIES (
                "replication_allocation" = "tag.location.default: 2"
                );"""));
        // Default is SQL NULL for columns without a default, as in Doris.
        List<List<String>> described = List.of(
                Arrays.asList("k", "int", "No", "true", null, ""),
                Arrays.asList("name", "varchar(16)", "Yes", "false", null, "NONE"),
                Arrays.asList("amount", "decimal(10,2)", "Yes", "false", null, "NONE"),
                Arrays.asList("day", "date", "Yes", "false", null, "NONE"));
        assertThat(column(session.query("DESC sales"), "Field")).containsExactly("k", "name", "amount", "day");
        assertThat(session.query("DESC sales").rows()).isEqualTo(described);
        assertThat(cluster.session().rows("DESCRIBE ddl_show.sales")).isEqualTo(described);
    }

    @Test
    void placesEveryReplicaOfATabletOnItsOwnBackend() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE ddl_place");
        session.execute("CREATE TABLE ddl_place.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 4 "
                + "PROPERTIES (\"replication_num\" = \"3\")");

        List<Map<String, String>> tablets = maps(session.query("SHOW TABLETS FROM ddl_place.t"));
        assertThat(tablets).hasSize(4 * 3);
        Map<String, List<String>> backendsByTablet = tablets.stream().collect(Collectors.groupingBy(
                row -> row.get("TabletId"), Collectors.mapping(row -> row.get("BackendId"), Collectors.toList())));
        assertThat(backendsByTablet).hasSize(4);
        assertThat(backendsByTablet.values()).allSatisfy(backends -> assertThat(backends).doesNotHaveDuplicates()
                .hasSize(3));
        assertThat(tablets).allSatisfy(row -> {
            assertThat(row.get("State")).isEqualTo("NORMAL");
            assertThat(row.get("Version")).isEqualTo("1");
        });
    }

    @Test
    void refusesATableThatExistsUnlessIfNotExists() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE ddl_exists");
        session.execute("USE ddl_exists");
        session.execute("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1");

        TesseraException exists = failure(session, "CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1");
        assertThat(exists.code()).isEqualTo(ErrorCode.TABLE_EXISTS);
        assertThat(exists.code().sqlState()).isEqualTo("42S01");
        assertThat(exists.getMessage()).isEqualTo("Table 't' already exists");
        assertThat(session.execute("CREATE TABLE IF NOT EXISTS t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1"))
                .isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SHOW TABLES")).containsExactly(List.of("t"));
    }

    @Test
    void dropsTablesAndNamesTheMissingOne() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE ddl_drop");
        session.execute("USE ddl_drop");
        session.execute("CREATE TABLE gone (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1");

        assertThat(session.execute("DROP TABLE gone")).isEqualTo(OkResult.EMPTY);
        assertThat(session.rows("SHOW TABLES")).isEmpty();
        TesseraException missing = failure(session, "DROP TABLE gone");
        assertThat(missing.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(missing.getMessage()).contains("Unknown table 'gone'");
        assertThat(session.execute("DROP TABLE IF EXISTS gone")).isEqualTo(OkResult.EMPTY);
    }

    @Test
    void refusesMoreReplicasThanBackendsOnDistinctHosts() {
        ClusterSession session = cluster.session();
        session.execute("CREATE DATABASE ddl_wide");
        TesseraException refused = failure(session, "CREATE TABLE ddl_wide.t (k INT) DISTRIBUTED BY HASH(k) "
                + "BUCKETS 1 PROPERTIES (\"replication_num\" = \"4\")");
        assertThat(refused.code().mysqlCode()).isEqualTo(1105);
        assertThat(refused.getMessage()).startsWith("Failed to find enough backend, please check the replication "
                + "num,replication tag and storage medium and avail capacity of backends or maybe all be on same "
                + "host. Create failed replications: replication tag: {\"location\" : \"default\"}, replication "
                + "num: 4, storage medium: HDD");
        assertThat(session.rows("SHOW TABLES FROM ddl_wide")).isEmpty();
    }

    @Test
    void tableStatementsWithoutADatabaseNeedOneSelected() {
        ClusterSession session = cluster.session();
        for (String sql : List.of("SHOW TABLES", "SHOW CREATE TABLE t", "DESC t", "SHOW PARTITIONS FROM t",
                "SHOW TABLETS FROM t", "CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1")) {
            TesseraException refused = failure(session, sql);
            assertThat(refused.code()).as(sql).isEqualTo(ErrorCode.NO_DATABASE_SELECTED);
            assertThat(refused.getMessage()).as(sql).isEqualTo("No database selected");
        }
    }
}
