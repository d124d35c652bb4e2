package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import io.tessera.cli.NodeSpec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tables whose tablets live on three real BE processes: DDL, INSERT transactions, aggregate
 * queries with exact answers, and what happens when a backend dies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataPathTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int ROWS = 20_000;

    private static ClusterFixture fixture;
    private static LocalCluster cluster;
    private static FrontendClient client;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.DATA_PATH_PREFIX, 3);
        cluster = fixture.cluster();
        client = fixture.client();
        client.execute("CREATE DATABASE demo");
        client.execute("USE demo");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void createsAPartitionedReplicatedTableAndLoadsItInTransactions() throws Exception {
        client.execute("CREATE TABLE sales (day DATE NOT NULL, region VARCHAR(16) NOT NULL, id BIGINT NOT NULL, "
                + "amount DECIMAL(12, 2), qty INT) DUPLICATE KEY(day, region) "
                + "PARTITION BY RANGE(day) (PARTITION p1 VALUES LESS THAN ('2024-02-01'), "
                + "PARTITION p2 VALUES LESS THAN ('2024-03-01'), PARTITION p3 VALUES LESS THAN (MAXVALUE)) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 4 PROPERTIES ('replication_num' = '3')");
        for (int start = 0; start < ROWS; start += 2_000) {
            StringBuilder insert = new StringBuilder("INSERT INTO sales VALUES ");
            for (int i = start; i < start + 2_000; i++) {
                if (i > start) {
                    insert.append(", ");
                }
                insert.append("('2024-0").append(1 + i % 3).append("-1").append(i % 9).append("', '")
                        .append(region(i)).append("', ").append(i).append(", ").append(i % 100).append(".25, ")
                        .append(i % 7 == 0 ? "NULL" : Integer.toString(i % 10)).append(')');
            }
            client.execute(insert.toString());
        }
        List<Map<String, String>> tablets = client.rows("SHOW TABLETS FROM sales");
        assertThat(tablets).hasSize(3 * 4 * 3);
        assertThat(tablets.stream().map(r -> r.get("BackendId")).distinct()).hasSize(3);
        assertThat(client.showBackends()).allSatisfy(row -> assertThat(row.get("TabletNum")).isEqualTo("12"));
        assertAnswers();
    }

    @Test
    @Order(2)
    void answersStayTheSameWithABackendKilled() throws Exception {
        NodeSpec be1 = cluster.layout().backend(1, Map.of());
        assertThat(cluster.node(be1, "kill")).isZero();
        await().atMost(WAIT).until(() -> client.showBackends().stream()
                .anyMatch(row -> row.get("Host").equals(cluster.layout().backendHost(1))
                        && row.get("Alive").equals("false")));
        assertAnswers();
        assertThat(cluster.node(be1, "start")).isZero();
        await().atMost(WAIT).until(() -> client.showBackends().stream().allMatch(row -> row.get("Alive").equals("true")));
    }

    @Test
    @Order(3)
    void badInsertsChangeNothing() throws Exception {
        String before = single("SELECT count(*) FROM sales");
        assertRefused("INSERT INTO sales VALUES ('2024-01-01', 'north', 1)", "Column count doesn't match value count at row 1");
        assertRefused("INSERT INTO sales (day, region, id, nope) VALUES ('2024-01-01', 'n', 1, 2)",
                "Unknown column 'nope' in table 'sales'");
        assertRefused("INSERT INTO sales VALUES ('2024-01-01', 'north', 1, 1.5, 1), "
                + "('2024-01-01', 'this region name is too long', 2, 1, 1)",
                "Value 'this region name is too long' is too long for column 'region' (VARCHAR(16))");
        assertRefused("INSERT INTO sales VALUES ('2024-01-01', 'north', 1, 1.5, 99999999999)",
                "Value 99999999999 is out of range for column 'qty' (INT)");
        assertRefused("INSERT INTO sales VALUES ('2024-13-01', 'north', 1, 1.5, 1)",
                "Invalid value '2024-13-01' for column 'day' (DATE)");
        assertRefused("INSERT INTO sales VALUES (NULL, 'north', 1, 1.5, 1)", "Column 'day' is NOT NULL: it cannot take NULL");
        assertThat(single("SELECT count(*) FROM sales")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aSingleReplicaTableWithItsBackendDeadFailsNamingTablets() throws Exception {
        client.execute("CREATE TABLE fragile (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 3 "
                + "PROPERTIES ('replication_num' = '1')");
        client.execute("INSERT INTO fragile VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)");
        assertThat(single("SELECT sum(v) FROM fragile")).isEqualTo("210");
        NodeSpec be2 = cluster.layout().backend(2, Map.of());
        assertThat(cluster.node(be2, "kill")).isZero();
        await().atMost(WAIT).until(() -> client.showBackends().stream()
                .anyMatch(row -> row.get("Host").equals(cluster.layout().backendHost(2))
                        && row.get("Alive").equals("false")));
        try {
            assertThatThrownBy(() -> single("SELECT sum(v) FROM fragile"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Table 'fragile' cannot be read: no queryable replica for tablet(s) [");
        } finally {
            assertThat(cluster.node(be2, "start")).isZero();
        }
        await().atMost(WAIT).until(() -> client.showBackends().stream().allMatch(row -> row.get("Alive").equals("true")));
        assertThat(single("SELECT sum(v) FROM fragile")).isEqualTo("210");
    }

    @Test
    @Order(5)
    void aTableNeedingMoreBackendsThanExistIsRefused() {
        assertThatThrownBy(() -> client.execute("CREATE TABLE wide (k INT) PROPERTIES ('replication_num' = '4')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Failed to find enough backend")
                .hasMessageContaining("(needs 4 alive, not decommissioned backends on distinct hosts with tag "
                        + "location 'default'; 3 available)");
        assertThatThrownBy(() -> single("SELECT * FROM wide")).hasMessageContaining("Unknown table 'wide'");
    }

    @Test
    @Order(6)
    void partitionsComeAndGoAndInsertSelectCopiesInOneTransaction() throws Exception {
        client.execute("CREATE TABLE events (k INT NOT NULL, v INT) PARTITION BY RANGE(k) ("
                + "PARTITION p0 VALUES LESS THAN (100)) DISTRIBUTED BY HASH(k) BUCKETS 2");
        assertRefused("INSERT INTO events VALUES (150, 1)", "no partition for value '150' in table 'events'");
        client.execute("ALTER TABLE events ADD PARTITION p1 VALUES LESS THAN (200)");
        client.execute("INSERT INTO events VALUES (1, 10), (150, 20), (160, 30)");
        assertThat(client.rows("SHOW TABLETS FROM events")).hasSize(2 * 2 * 3);
        assertThat(single("SELECT sum(v) FROM events WHERE k >= 100")).isEqualTo("50");

        client.execute("CREATE TABLE copy (k INT, doubled BIGINT) DISTRIBUTED BY HASH(k) BUCKETS 1");
        client.execute("INSERT INTO copy SELECT k, v * 2 FROM events WHERE v > 10");
        assertThat(single("SELECT sum(doubled) FROM copy")).isEqualTo("100");

        client.execute("ALTER TABLE events DROP PARTITION p1");
        assertThat(single("SELECT count(*) FROM events")).isEqualTo("1");
        assertThat(client.rows("SHOW TABLETS FROM events")).hasSize(2 * 3);
        assertRefused("ALTER TABLE events DROP PARTITION p1", "Error in list of partitions to p1");
    }

    @Test
    @Order(7)
    void inspectionStatementsShowDorisShapes() throws Exception {
        List<Map<String, String>> distribution = client.rows("ADMIN SHOW REPLICA DISTRIBUTION FROM sales");
        assertThat(distribution).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("ReplicaNum")).isEqualTo("12");
            assertThat(row.get("NumPercent")).isEqualTo("33.33 %");
            assertThat(row.get("NumGraph")).hasSize(33);
        });
        assertThat(client.rows("ADMIN SHOW REPLICA STATUS FROM sales")).hasSize(36)
                .allSatisfy(row -> assertThat(row.get("Status")).isEqualTo("OK"));
        assertThat(client.rows("ADMIN SHOW REPLICA STATUS FROM sales WHERE STATUS != 'OK'")).isEmpty();
        List<Map<String, String>> health = client.rows("SHOW PROC '/cluster_health/tablet_health'");
        Map<String, String> demo = health.stream().filter(r -> "demo".equals(r.get("DbName"))).findFirst().orElseThrow();
        assertThat(demo.get("UnrecoverableNum")).isEqualTo("0");
        assertThat(demo.get("TabletNum")).isEqualTo(demo.get("HealthyNum"));
        assertThat(health.get(health.size() - 1).get("DbId")).isEqualTo("Total");
        List<Map<String, String>> data = client.rows("SHOW DATA");
        assertThat(data.get(data.size() - 3).get("TableName")).isEqualTo("Total");
        assertThat(data.get(data.size() - 2)).containsEntry("TableName", "Quota").containsEntry("Size", "8388608.000 TB");
    }

    private static void assertAnswers() throws Exception {
        assertThat(single("SELECT count(*) FROM sales")).isEqualTo(Integer.toString(ROWS));
        long amountCents = 0;
        long qty = 0;
        long qtyCount = 0;
        for (int i = 0; i < ROWS; i++) {
            amountCents += (i % 100) * 100L + 25;
            if (i % 7 != 0) {
                qty += i % 10;
                qtyCount++;
            }
        }
        assertThat(single("SELECT sum(amount) FROM sales")).isEqualTo(String.format("%d.%02d", amountCents / 100, amountCents % 100));
        assertThat(single("SELECT sum(qty) FROM sales")).isEqualTo(Long.toString(qty));
        assertThat(single("SELECT count(qty) FROM sales")).isEqualTo(Long.toString(qtyCount));
        assertThat(single("SELECT count(*) FROM sales WHERE day >= '2024-02-01' AND day < '2024-03-01'"))
                .isEqualTo(Long.toString(ROWS / 3 + (ROWS % 3 > 1 ? 1 : 0)));
        Map<String, String> byRegion = client.rows("SELECT region, count(*) AS n, max(id) FROM sales "
                + "GROUP BY region ORDER BY region").stream()
                .collect(Collectors.toMap(r -> r.get("region"), r -> r.get("n") + "/" + r.get("max(id)")));
        assertThat(byRegion).containsEntry("east", ROWS / 4 + "/" + (ROWS - 3))
                .containsEntry("north", ROWS / 4 + "/" + (ROWS - 4)).hasSize(4);
        assertThat(single("SELECT count(DISTINCT region) FROM sales WHERE id < 100")).isEqualTo("4");
        assertThat(single("SELECT id FROM sales WHERE region = 'west' AND id > 100 ORDER BY id LIMIT 1"))
                .isEqualTo("103");
        assertThat(single("SELECT count(*) FROM sales WHERE qty IS NULL")).isEqualTo(Long.toString(ROWS - qtyCount));
    }

    private static String region(int i) {
        return switch (i % 4) {
            case 0 -> "north";
            case 1 -> "east";
            case 2 -> "south";
            default -> "west";
        };
    }

    private static void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> client.execute(sql)).isInstanceOf(SQLException.class)
                .hasMessageEndingWith("detailMessage = " + message);
    }

    private static String single(String sql) throws SQLException {
        List<Map<String, String>> rows = client.rows(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0).values().iterator().next();
    }
}
