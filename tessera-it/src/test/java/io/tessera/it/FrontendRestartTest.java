package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import io.tessera.cli.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FE's metadata survives kill -9: the Ratis journal replays every acknowledged change
 * (backends, databases, tables, load transactions, accounts and grants) into the restarted FE before it
 * opens its port.
 */
class FrontendRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void databasesBackendsAndRowsSurviveAKilledFrontend() throws Exception {
        try (ClusterFixture fixture = ClusterFixture.start(TestAddresses.FRONTEND_RESTART_PREFIX, 1)) {
            LocalCluster cluster = fixture.cluster();
            FrontendClient client = fixture.client();
            client.execute("CREATE DATABASE kept");
            client.execute("USE kept");
            client.execute("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR(16)) DUPLICATE KEY(id) "
                    + "DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES ('replication_num' = '1')");
            client.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            client.execute("INSERT INTO t VALUES (4, 'd')");
            client.execute("SET GLOBAL query_timeout = 600");
            client.execute("CREATE USER 'keeper'@'%' IDENTIFIED BY 'keeper-pw'");
            client.execute("GRANT NODE_PRIV ON *.*.* TO 'keeper'@'%'");
            List<String> backendIds = backendIds(client);
            assertThat(client.rows("SELECT count(*) AS n FROM t")).containsExactly(Map.of("n", "4"));

            assertThat(cluster.node(fixture.layout().frontend(Map.of()), "kill")).isZero();
            assertThat(cluster.node(fixture.layout().frontend(Map.of()), "start")).as(fixture.output()).isZero();

            try (FrontendClient restarted = new FrontendClient(fixture.layout().frontendHost(),
                    io.tessera.cli.ClusterLayout.QUERY_PORT)) {
                assertThat(restarted.rows("SHOW DATABASES")).extracting(row -> row.get("Database"))
                        .contains("kept");
                assertThat(backendIds(restarted)).isEqualTo(backendIds);
                assertThat(restarted.rows("SHOW GLOBAL VARIABLES LIKE 'query_timeout'"))
                        .extracting(row -> row.get("Value")).containsExactly("600");
                await().atMost(WAIT).until(() -> restarted.showBackends().stream()
                        .allMatch(row -> row.get("Alive").equals("true")));
                assertThat(restarted.rows("SELECT count(*) AS n FROM kept.t")).containsExactly(Map.of("n", "4"));
                String url = "jdbc:mysql://" + fixture.layout().frontendHost() + ":"
                        + io.tessera.cli.ClusterLayout.QUERY_PORT + "/?user=keeper&password=";
                try (Connection keeper = DriverManager.getConnection(url + "keeper-pw");
                     Statement statement = keeper.createStatement();
                     ResultSet grants = statement.executeQuery("SHOW GRANTS")) {
                    assertThat(grants.next()).isTrue();
                    assertThat(grants.getString("GlobalPrivs")).isEqualTo("Node_priv");
                    assertThat(grants.getString("Password")).isEqualTo("Yes");
                }
                SQLException wrong = catchThrowableOfType(SQLException.class,
                        () -> DriverManager.getConnection(url + "wrong").close());
                assertThat(wrong.getErrorCode()).isEqualTo(1045);
                restarted.execute("INSERT INTO kept.t VALUES (5, 'e')");
                assertThat(restarted.rows("SELECT count(*) AS n FROM kept.t")).containsExactly(Map.of("n", "5"));
            }
        }
    }

    private static List<String> backendIds(FrontendClient client) throws Exception {
        return client.showBackends().stream().map(row -> row.get("BackendId")).sorted().toList();
    }
}
