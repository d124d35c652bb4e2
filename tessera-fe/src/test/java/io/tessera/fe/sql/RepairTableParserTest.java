package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.RepairTableStatement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.UseStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ADMIN REPAIR TABLE and ADMIN CANCEL REPAIR TABLE in Doris's grammar ({@code baseTableRef}). */
class RepairTableParserTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void repairTakesATableAndOptionalPartitions() {
        assertThat(parser.parse("ADMIN REPAIR TABLE t"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of(), false, false));
        assertThat(parser.parse("admin repair table db1.`t 1` partition (p1, P2);"))
                .isEqualTo(new RepairTableStatement(new TableName("db1", "t 1"), List.of("p1", "P2"), false, false));
        assertThat(parser.parse("ADMIN REPAIR TABLE t PARTITION p1"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of("p1"), false, false));
        assertThat(parser.parse("ADMIN REPAIR TABLE t PARTITIONS (p1, p2)"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of("p1", "p2"), false, false));
    }

    @Test
    void cancelHasTheSameShape() {
        assertThat(parser.parse("ADMIN CANCEL REPAIR TABLE db1.t"))
                .isEqualTo(new RepairTableStatement(new TableName("db1", "t"), List.of(), false, true));
        assertThat(parser.parse("admin cancel repair table t partition (p1)"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of("p1"), false, true));
    }

    @Test
    void temporaryPartitionsParseSoTheExecutorCanRefuseThemWithDorisText() {
        assertThat(parser.parse("ADMIN REPAIR TABLE t TEMPORARY PARTITION (tp1)"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of("tp1"), true, false));
        assertThat(parser.parse("ADMIN CANCEL REPAIR TABLE t TEMPORARY PARTITIONS (tp1, tp2)"))
                .isEqualTo(new RepairTableStatement(new TableName(null, "t"), List.of("tp1", "tp2"), true, true));
    }

    @Test
    void theNewKeywordsStayUsableAsNames() {
        assertThat(parser.parse("ADMIN REPAIR TABLE repair.temporary"))
                .isEqualTo(new RepairTableStatement(new TableName("repair", "temporary"), List.of(), false, false));
        assertThat(parser.parse("USE repair")).isEqualTo(new UseStatement(null, "repair"));
    }

    @Test
    void malformedFormsAreSyntaxErrors() {
        for (String sql : List.of("ADMIN REPAIR t", "REPAIR TABLE t", "ADMIN REPAIR TABLE",
                "ADMIN CANCEL TABLE t", "ADMIN REPAIR TABLE t TEMPORARY", "ADMIN REPAIR TABLE t PARTITION ()")) {
            assertThatThrownBy(() -> parser.parse(sql)).as(sql).isInstanceOf(TesseraException.class);
        }
    }
}
