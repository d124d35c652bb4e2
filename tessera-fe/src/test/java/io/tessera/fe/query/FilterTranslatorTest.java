package io.tessera.fe.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.meta.IdAllocatorForTests;
import io.tessera.fe.ddl.TableDefinitionBuilder;
import io.tessera.fe.sql.SqlParser;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.Expression;
import io.tessera.fe.sql.ast.SelectStatement;
import io.tessera.proto.data.Operator;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterTranslatorTest {
    private final SqlParser parser = new SqlParser();
    private final TableDefinition table = TableDefinitionBuilder.build((CreateTableStatement) parser.parse(
            "CREATE TABLE t (day DATE, k INT, name VARCHAR(10), v DOUBLE) PARTITION BY RANGE(day) ("
                    + "PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'), "
                    + "PARTITION p3 VALUES LESS THAN (MAXVALUE)) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                    + "PROPERTIES ('replication_num' = '1')"),
            new IdAllocatorForTests(1).allocator(), (tablets, allocation) -> {
                List<List<Long>> placement = new ArrayList<>();
                for (int i = 0; i < tablets; i++) {
                    placement.add(List.of(10000L));
                }
                return placement;
            }, 0);
    private final TableColumns columns = new TableColumns("db", table, null);

    private List<Expression> where(String condition) {
        return FilterTranslator.conjuncts(((SelectStatement) parser.parse("SELECT * FROM t WHERE " + condition)).where());
    }

    private Optional<io.tessera.proto.data.Expression> translate(String condition) {
        return FilterTranslator.translate(where(condition).get(0), columns);
    }

    @Test
    void pushesExactConditionsAndKeepsTheRest() {
        assertThat(translate("k = 5")).hasValueSatisfying(e -> assertThat(e.getCall().getOperator()).isEqualTo(Operator.EQ));
        assertThat(translate("5 < k")).hasValueSatisfying(e -> assertThat(e.getCall().getOperator()).isEqualTo(Operator.GT));
        assertThat(translate("k IN (1, 2, NULL)")).isPresent();
        assertThat(translate("name LIKE 'a%'")).isPresent();
        assertThat(translate("day BETWEEN '2024-01-01' AND '2024-01-31'")).isPresent();
        assertThat(translate("k IS NOT NULL OR NOT (v > 1.5)")).isPresent();
        assertThat(translate("k = 1.5")).isEmpty();
        assertThat(translate("k + 1 = 2")).isEmpty();
        assertThat(translate("name = 'far too long for ten'")).isEmpty();
        assertThat(translate("day = '2024-1-5'")).isEmpty();
        assertThat(where("k = 1 AND (v > 2 OR name = 'x') AND day > '2024-01-01'")).hasSize(3);
    }

    @Test
    void prunesRangePartitions() {
        assertThat(prune("day = '2024-02-10'")).containsExactly("p2");
        assertThat(prune("day >= '2024-02-10'")).containsExactly("p2", "p3");
        assertThat(prune("day < '2024-02-01'")).containsExactly("p1");
        assertThat(prune("day BETWEEN '2024-01-15' AND '2024-02-15'")).containsExactly("p1", "p2");
        assertThat(prune("day IN ('2024-01-02', '2024-05-05')")).containsExactly("p1", "p3");
        assertThat(prune("k = 3")).containsExactly("p1", "p2", "p3");
    }

    @Test
    void prunesOnAValueColumnOfADuplicateKeyTable() {
        TableDefinition byValue = build("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(v) ("
                + "PARTITION low VALUES LESS THAN ('100'), PARTITION high VALUES LESS THAN (MAXVALUE)) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
        assertThat(byValue.getColumns(1).getSchema().getIsKey()).isFalse();
        TableColumns valueColumns = new TableColumns("db", byValue, null);
        assertThat(prune(byValue, valueColumns, "v = 5")).containsExactly("low");
        assertThat(prune(byValue, valueColumns, "v >= 100")).containsExactly("high");
        assertThat(prune(byValue, valueColumns, "k = 5")).containsExactly("low", "high");
    }

    private static TableDefinition build(String createTable) {
        return TableDefinitionBuilder.build((CreateTableStatement) new SqlParser().parse(createTable),
                new IdAllocatorForTests(1).allocator(), (tablets, allocation) -> {
                    List<List<Long>> placement = new ArrayList<>();
                    for (int i = 0; i < tablets; i++) {
                        placement.add(List.of(10000L));
                    }
                    return placement;
                }, 0);
    }

    private List<String> prune(String condition) {
        return prune(table, columns, condition);
    }

    private List<String> prune(TableDefinition target, TableColumns targetColumns, String condition) {
        List<io.tessera.proto.data.Expression> pushed = new ArrayList<>();
        for (Expression conjunct : where(condition)) {
            FilterTranslator.translate(conjunct, targetColumns).ifPresent(pushed::add);
        }
        return PartitionPruner.prune(target, pushed).stream().map(PartitionDefinition::getName).toList();
    }
}
