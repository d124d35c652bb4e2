package io.tessera.fe.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What statements answer: OK packets and text result sets, as values and as the FE's executors
 * shape them (every SHOW column a VARCHAR, counts BIGINT, DDL a bare OK).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultShapesTest {
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aResultSetKeepsNullCellsAndRefusesRaggedRows() {
        List<Column> columns = List.of(Column.varchar("a", 10), new Column("b", ColumnType.BIGINT));
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.asList("x", null));
        ResultSet result = ResultSet.of(columns, rows);
        rows.clear();
        assertThat(result.rows()).containsExactly(Arrays.asList("x", null));
        assertThatThrownBy(() -> result.rows().get(0).set(0, "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ResultSet.of(columns, List.of(List.of("only one"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("row has 1 cells for 2 columns: [only one]");
    }

    @Test
    void columnsCarryTheirTypesLengthsAndOrigin() {
        Column name = Column.varchar("Host", 64);
        assertThat(name.type()).isEqualTo(ColumnType.VARCHAR);
        assertThat(name.length()).isEqualTo(64);
        assertThat(new Column("n", ColumnType.BIGINT).length()).isEqualTo(ColumnType.BIGINT.defaultLength());
        assertThat(name.inTable("d", "t")).extracting(Column::schema, Column::table).containsExactly("d", "t");
        assertThat(ColumnType.BIGINT.mysqlTypeCode()).isEqualTo(0x08);
        assertThat(ColumnType.VARCHAR.mysqlTypeCode()).isEqualTo(0xfd);
        assertThatThrownBy(() -> new Column(null, ColumnType.INT)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void okResultsCarryCountsAndInfo() {
        assertThat(OkResult.EMPTY).isEqualTo(new OkResult(0, "", 0));
        assertThatThrownBy(() -> new OkResult(1, null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void statementsAnswerInTheirDorisShapes() {
        ClusterSession session = cluster.session();
        assertThat(session.execute("CREATE DATABASE shapes")).isEqualTo(OkResult.EMPTY);
        assertThat(session.execute("USE shapes")).isEqualTo(OkResult.EMPTY);
        assertThat(session.execute("CREATE TABLE t (k INT, v BIGINT) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"1\")")).isEqualTo(OkResult.EMPTY);
        OkResult insert = session.update("INSERT INTO t VALUES (1, 10)");
        assertThat(insert.affectedRows()).isEqualTo(1);
        assertThat(insert.info()).startsWith("{'label':'label_").contains("'status':'VISIBLE'");

        for (String show : List.of("SHOW BACKENDS", "SHOW DATABASES", "SHOW TABLES", "SHOW PARTITIONS FROM t",
                "SHOW TABLETS FROM t", "SHOW VARIABLES LIKE 'wait%'", "SHOW DATA")) {
            assertThat(session.query(show).columns()).as(show).extracting(Column::type)
                    .containsOnly(ColumnType.VARCHAR);
        }
        assertThat(session.query("SHOW WARNINGS").columns()).extracting(c -> c.name() + ":" + c.type())
                .containsExactly("Level:VARCHAR", "Code:INT", "Message:VARCHAR");
        ResultSet counted = session.query("SELECT count(*), sum(v), k FROM t GROUP BY k");
        assertThat(counted.columns()).extracting(Column::type)
                .containsExactly(ColumnType.BIGINT, ColumnType.BIGINT, ColumnType.INT);
        assertThat(counted.rows()).containsExactly(List.of("1", "10", "1"));
    }
}
