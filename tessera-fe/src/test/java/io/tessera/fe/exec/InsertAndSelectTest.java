package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.ColumnType;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * INSERT VALUES, INSERT SELECT and SELECT with WHERE, GROUP BY, ORDER BY and LIMIT, through the
 * BEs of an in-process cluster (rows are written to and scanned from real replicas).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsertAndSelectTest {
    private static final int BULK_ROWS = 2_000;

    private InProcessCluster cluster;
    private ClusterSession session;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(3);
        session = cluster.session();
        session.execute("CREATE DATABASE data");
        session.execute("USE data");
        session.execute("CREATE TABLE sales (k INT NOT NULL, name VARCHAR(16), amount DECIMAL(10, 2), day DATE) "
                + "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (\"replication_num\" = \"2\")");
        session.execute("INSERT INTO sales VALUES (1, 'a', 1.50, '2024-01-01'), (2, 'b', 2.25, '2024-01-02'), "
                + "(3, NULL, NULL, NULL), (4, 'a', 10.00, '2024-01-04')");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void insertAnswersWithTheRowCountAndAVisibleTransaction() {
        session.execute("CREATE TABLE inserted (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 1");
        OkResult ok = session.update("INSERT INTO inserted VALUES (1, 10), (2, 20)");
        assertThat(ok.affectedRows()).isEqualTo(2);
        assertThat(ok.warnings()).isZero();
        assertThat(ok.info()).matches("\\{'label':'label_[0-9a-f]+_[0-9a-f]+', 'status':'VISIBLE', 'txnId':'\\d+'}");
        OkResult partial = session.update("INSERT INTO inserted (k) VALUES (3)");
        assertThat(partial.affectedRows()).isEqualTo(1);
        assertThat(session.rows("SELECT k, v FROM inserted ORDER BY k")).containsExactly(List.of("1", "10"),
                List.of("2", "20"), Arrays.asList("3", null));
    }

    /**
     * Found by StatementPipelineFuzzTest: a column used only inside a CASE was never read from the
     * backends (the expression walker did not descend into CASE), and the statement failed with
     * "Internal error" instead of answering.
     */
    @Test
    void columnsInsideCaseAreRead() {
        assertThat(session.rows("SELECT k FROM sales WHERE CASE WHEN name = 'a' THEN 1 ELSE 0 END = 1 ORDER BY k"))
                .containsExactly(List.of("1"), List.of("4"));
        assertThat(session.rows("SELECT k, CASE day WHEN '2024-01-02' THEN amount ELSE 0 END FROM sales ORDER BY k"))
                .containsExactly(List.of("1", "0"), List.of("2", "2.25"), List.of("3", "0"), List.of("4", "0"));
        assertThat(session.rows("SELECT sum(CASE WHEN name = 'a' THEN amount END) FROM sales"))
                .containsExactly(List.of("11.50"));
    }

    @Test
    void selectsEveryColumnWithItsType() {
        ResultSet all = session.query("SELECT * FROM sales ORDER BY k");
        assertThat(all.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("k:INT",
                "name:VARCHAR", "amount:DECIMAL", "day:DATE");
        assertThat(all.rows()).containsExactly(
                List.of("1", "a", "1.50", "2024-01-01"),
                List.of("2", "b", "2.25", "2024-01-02"),
                Arrays.asList("3", null, null, null),
                List.of("4", "a", "10.00", "2024-01-04"));
    }

    @Test
    void filtersOrdersAndLimits() {
        assertThat(session.rows("SELECT k, name FROM sales WHERE k > 1 ORDER BY k DESC LIMIT 2"))
                .containsExactly(List.of("4", "a"), Arrays.asList("3", null));
        assertThat(session.rows("SELECT k FROM sales WHERE name = 'a' AND amount > 2 ORDER BY k"))
                .containsExactly(List.of("4"));
        assertThat(session.rows("SELECT k FROM sales WHERE name IS NULL")).containsExactly(List.of("3"));
        assertThat(session.rows("SELECT k FROM sales WHERE k IN (2, 4) ORDER BY k")).containsExactly(List.of("2"),
                List.of("4"));
    }

    @Test
    void groupsAndAggregates() {
        ResultSet grouped = session.query("SELECT name, count(*), sum(amount) FROM sales GROUP BY name ORDER BY name");
        assertThat(grouped.columns()).extracting(c -> c.type())
                .containsExactly(ColumnType.VARCHAR, ColumnType.BIGINT, ColumnType.DECIMAL);
        assertThat(grouped.rows()).containsExactly(Arrays.asList(null, "1", null), List.of("a", "2", "11.50"),
                List.of("b", "1", "2.25"));
        assertThat(session.rows("SELECT count(*), min(k), max(k) FROM sales")).containsExactly(List.of("4", "1", "4"));
    }

    @Test
    void insertSelectCopiesTheChosenRows() {
        session.execute("CREATE TABLE copied (k INT, label VARCHAR(8), doubled DECIMAL(12, 2)) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 2");
        OkResult ok = session.update("INSERT INTO copied SELECT k, name, amount * 2 FROM sales WHERE amount > 2");
        assertThat(ok.affectedRows()).isEqualTo(2);
        assertThat(session.rows("SELECT k, label, doubled FROM copied ORDER BY k")).containsExactly(
                List.of("2", "b", "4.50"), List.of("4", "a", "20.00"));
    }

    @Test
    void loadsAndAggregatesTwoThousandRows() {
        session.execute("CREATE TABLE bulk (k INT NOT NULL, g INT NOT NULL, v BIGINT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 4 PROPERTIES (\"replication_num\" = \"3\")");
        String values = IntStream.range(0, BULK_ROWS).mapToObj(i -> "(" + i + ", " + (i % 10) + ", " + i + ")")
                .collect(Collectors.joining(", "));
        assertThat(session.update("INSERT INTO bulk VALUES " + values).affectedRows()).isEqualTo(BULK_ROWS);

        long sum = (long) BULK_ROWS * (BULK_ROWS - 1) / 2;
        assertThat(session.rows("SELECT count(*), sum(v) FROM bulk"))
                .containsExactly(List.of(Integer.toString(BULK_ROWS), Long.toString(sum)));
        List<List<String>> groups = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            groups.add(List.of(Integer.toString(g), Integer.toString(BULK_ROWS / 10)));
        }
        assertThat(session.rows("SELECT g, count(*) FROM bulk GROUP BY g ORDER BY g")).isEqualTo(groups);
        assertThat(session.rows("SELECT k FROM bulk WHERE g = 7 ORDER BY k DESC LIMIT 3"))
                .containsExactly(List.of("1997"), List.of("1987"), List.of("1977"));
    }

    @Test
    void namesTheMissingTable() {
        TesseraException select = catchThrowableOfType(TesseraException.class,
                () -> session.execute("SELECT * FROM nope"));
        assertThat(select.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(select.getMessage()).contains("Unknown table 'nope'");
        TesseraException insert = catchThrowableOfType(TesseraException.class,
                () -> session.execute("INSERT INTO nope VALUES (1)"));
        assertThat(insert.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(insert.getMessage()).contains("Unknown table 'nope'");
    }
}
