package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.BinaryOperation;
import io.tessera.fe.sql.ast.ColumnRef;
import io.tessera.fe.sql.ast.DescribeStatement;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import io.tessera.fe.sql.ast.ShowTabletStatement;
import io.tessera.fe.sql.ast.ShowTransactionStatement;
import io.tessera.fe.sql.ast.LikeExpression;
import io.tessera.fe.sql.ast.ShowCreateTableStatement;
import io.tessera.fe.sql.ast.ShowDataStatement;
import io.tessera.fe.sql.ast.ShowPartitionsStatement;
import io.tessera.fe.sql.ast.ShowProcStatement;
import io.tessera.fe.sql.ast.ShowReplicaDistributionStatement;
import io.tessera.fe.sql.ast.ShowReplicaStatusStatement;
import io.tessera.fe.sql.ast.ShowTablesStatement;
import io.tessera.fe.sql.ast.ShowTabletsStatement;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESC, SHOW CREATE TABLE / PARTITIONS / TABLETS / DATA, ADMIN SHOW REPLICA ..., SHOW PROC. */
class TableInfoParserTest {
    private static final TableName T = new TableName(null, "t");
    private static final TableName DB_T = new TableName("db", "t");

    private final SqlParser parser = new SqlParser();

    private Statement parse(String sql) {
        return parser.parse(sql);
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parse(sql))
                .as(sql)
                .isInstanceOf(TesseraException.class)
                .hasMessageMatching("(?s)\n.*\\(line \\d+, pos \\d+\\)");
    }

    @Test
    void describe() {
        assertThat(parse("DESC t")).isEqualTo(new DescribeStatement(T, false));
        assertThat(parse("describe db.t")).isEqualTo(new DescribeStatement(DB_T, false));
        assertThat(parse("DESC `db`.`t` ALL;")).isEqualTo(new DescribeStatement(DB_T, true));
        assertThat(parse("DESCRIBE t all")).isEqualTo(new DescribeStatement(T, true));
        assertThat(parse("DESC status")).isEqualTo(new DescribeStatement(new TableName(null, "status"), false));
        assertSyntaxError("DESC");
        assertSyntaxError("DESC t FULL");
        assertSyntaxError("DESC a.b.c");
    }

    @Test
    void showCreateTable() {
        assertThat(parse("SHOW CREATE TABLE t")).isEqualTo(new ShowCreateTableStatement(T));
        assertThat(parse("show create table db.t")).isEqualTo(new ShowCreateTableStatement(DB_T));
        assertSyntaxError("SHOW CREATE TABLE");
        assertSyntaxError("SHOW CREATE t");
    }

    @Test
    void showPartitions() {
        assertThat(parse("SHOW PARTITIONS FROM t")).isEqualTo(new ShowPartitionsStatement(T));
        assertThat(parse("show partitions from `db`.t")).isEqualTo(new ShowPartitionsStatement(DB_T));
        assertSyntaxError("SHOW PARTITIONS");
        assertSyntaxError("SHOW PARTITIONS t");
    }

    @Test
    void showTablets() {
        assertThat(parse("SHOW TABLETS FROM t")).isEqualTo(new ShowTabletsStatement(T, List.of()));
        assertThat(parse("SHOW TABLETS FROM db.t PARTITION (p1, `p2`)"))
                .isEqualTo(new ShowTabletsStatement(DB_T, List.of("p1", "p2")));
        assertThat(parse("SHOW TABLETS FROM db.t PARTITION p1")).isEqualTo(new ShowTabletsStatement(DB_T, List.of("p1")));
        assertThat(parse("show tablets from t partitions (p1)")).isEqualTo(new ShowTabletsStatement(T, List.of("p1")));
        assertSyntaxError("SHOW TABLETS FROM t PARTITION ()");
        assertSyntaxError("SHOW TABLETS FROM t PARTITION");
        assertSyntaxError("SHOW TABLETS t");
    }

    @Test
    void showTabletsWithFilterOrderAndLimit() {
        ShowTabletsStatement full = (ShowTabletsStatement) parse(
                "SHOW TABLETS FROM t PARTITION (p1) WHERE Version = 2 AND State = 'NORMAL' ORDER BY BackendId DESC "
                        + "LIMIT 3, 5");
        assertThat(full.partitions()).containsExactly("p1");
        assertThat(full.where()).isInstanceOf(BinaryOperation.class);
        assertThat(full.orderBy()).hasSize(1);
        assertThat(full.orderBy().get(0).descending()).isTrue();
        assertThat(full.orderBy().get(0).expression()).isEqualTo(new ColumnRef(null, "BackendId"));
        assertThat(full.limit()).isEqualTo(5);
        assertThat(full.offset()).isEqualTo(3);
        ShowTabletsStatement limited = (ShowTabletsStatement) parse("SHOW TABLETS FROM t LIMIT 4");
        assertThat(limited.limit()).isEqualTo(4);
        assertThat(limited.offset()).isNull();
        assertThat(limited.where()).isNull();
    }

    @Test
    void showTabletAndShowFrontends() {
        assertThat(parse("SHOW TABLET 10010")).isEqualTo(new ShowTabletStatement(10010));
        assertThat(parse("show tablet 7;")).isEqualTo(new ShowTabletStatement(7));
        assertSyntaxError("SHOW TABLET t");
        assertThat(parse("SHOW FRONTENDS")).isEqualTo(new ShowFrontendsStatement(null));
        assertThat(parse("SHOW FRONTENDS disks")).isEqualTo(new ShowFrontendsStatement("disks"));
        assertThatThrownBy(() -> parse("SHOW TABLET 99999999999999999999"))
                .hasMessageContaining("Invalid tablet id format: 99999999999999999999");
        assertThat(parse("SHOW TRANSACTION")).isEqualTo(new ShowTransactionStatement(null, null));
        ShowTransactionStatement transaction = (ShowTransactionStatement) parse(
                "SHOW TRANSACTION FROM db WHERE label LIKE 'l%'");
        assertThat(transaction.database()).isEqualTo("db");
        assertThat(transaction.where()).isInstanceOf(LikeExpression.class);
        assertThat(((ShowTransactionStatement) parse("show transaction in db where id = 5")).where())
                .isInstanceOf(BinaryOperation.class);
        // TABLET stays usable as a name, as in Doris.
        assertThat(parse("SHOW TABLETS FROM tablet")).isEqualTo(new ShowTabletsStatement(new TableName(null,
                "tablet"), List.of()));
    }

    @Test
    void showData() {
        assertThat(parse("SHOW DATA")).isEqualTo(new ShowDataStatement(null));
        assertThat(parse("SHOW DATA FROM t")).isEqualTo(new ShowDataStatement(T));
        assertThat(parse("show data from db.t;")).isEqualTo(new ShowDataStatement(DB_T));
        assertSyntaxError("SHOW DATA FROM");
        assertSyntaxError("SHOW DATA t");
    }

    @Test
    void showTablesAndProcStillWork() {
        assertThat(parse("SHOW TABLES")).isEqualTo(new ShowTablesStatement(false, null, null));
        assertThat(parse("SHOW PROC '/cluster_health/tablet_health'"))
                .isEqualTo(new ShowProcStatement("/cluster_health/tablet_health"));
        assertThat(parse("SHOW PROC \"/cluster_health/tablet_health/10001\""))
                .isEqualTo(new ShowProcStatement("/cluster_health/tablet_health/10001"));
    }

    @Test
    void adminShowReplicaStatus() {
        assertThat(parse("ADMIN SHOW REPLICA STATUS FROM t"))
                .isEqualTo(new ShowReplicaStatusStatement(T, List.of(), null, false));
        assertThat(parse("ADMIN SHOW REPLICA STATUS FROM db.t WHERE STATUS = 'VERSION_ERROR'"))
                .isEqualTo(new ShowReplicaStatusStatement(DB_T, List.of(), "VERSION_ERROR", false));
        assertThat(parse("admin show replica status from db.t where status != \"OK\""))
                .isEqualTo(new ShowReplicaStatusStatement(DB_T, List.of(), "OK", true));
        assertThat(parse("ADMIN SHOW REPLICA STATUS FROM t PARTITION (p1, p2) WHERE STATUS <> 'DEAD'"))
                .isEqualTo(new ShowReplicaStatusStatement(T, List.of("p1", "p2"), "DEAD", true));
        assertThat(parse("SHOW REPLICA STATUS FROM t")).isEqualTo(new ShowReplicaStatusStatement(T, List.of(), null, false));
        assertSyntaxError("ADMIN SHOW REPLICA STATUS FROM t WHERE STATUS > 'OK'");
        assertSyntaxError("ADMIN SHOW REPLICA STATUS FROM t WHERE state = 'OK'");
        assertSyntaxError("ADMIN SHOW REPLICA STATUS FROM t WHERE STATUS = OK");
        assertSyntaxError("ADMIN SHOW REPLICA STATUS t");
    }

    @Test
    void adminShowReplicaDistribution() {
        assertThat(parse("ADMIN SHOW REPLICA DISTRIBUTION FROM db.t"))
                .isEqualTo(new ShowReplicaDistributionStatement(DB_T, List.of()));
        assertThat(parse("admin show replica distribution from t partition (p1)"))
                .isEqualTo(new ShowReplicaDistributionStatement(T, List.of("p1")));
        assertThat(parse("SHOW REPLICA DISTRIBUTION FROM t"))
                .isEqualTo(new ShowReplicaDistributionStatement(T, List.of()));
        assertSyntaxError("ADMIN SHOW REPLICA DISTRIBUTION FROM t WHERE STATUS = 'OK'");
        assertSyntaxError("ADMIN SHOW REPLICA");
    }

    @Test
    void keywordsAsTableNames() {
        assertThat(parse("SHOW PARTITIONS FROM data.tablets"))
                .isEqualTo(new ShowPartitionsStatement(new TableName("data", "tablets")));
        assertThat(parse("SHOW DATA FROM partitions")).isEqualTo(new ShowDataStatement(new TableName(null, "partitions")));
        assertThat(parse("ADMIN SHOW REPLICA STATUS FROM status WHERE status = 'OK'"))
                .isEqualTo(new ShowReplicaStatusStatement(new TableName(null, "status"), List.of(), "OK", false));
    }
}
