package io.tessera.fe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.sql.ast.AddPartitionStatement;
import io.tessera.fe.sql.ast.ColumnDefinition;
import io.tessera.fe.sql.ast.CreateDatabaseStatement;
import io.tessera.fe.sql.ast.CreateTableStatement;
import io.tessera.fe.sql.ast.DistributionDescription;
import io.tessera.fe.sql.ast.DistributionType;
import io.tessera.fe.sql.ast.DropDatabaseStatement;
import io.tessera.fe.sql.ast.DropPartitionStatement;
import io.tessera.fe.sql.ast.DropTableStatement;
import io.tessera.fe.sql.ast.FixedRangeBound;
import io.tessera.fe.sql.ast.FunctionCall;
import io.tessera.fe.sql.ast.KeysDescription;
import io.tessera.fe.sql.ast.KeysType;
import io.tessera.fe.sql.ast.LessThanBound;
import io.tessera.fe.sql.ast.ListValuesBound;
import io.tessera.fe.sql.ast.Literal;
import io.tessera.fe.sql.ast.PartitionBound;
import io.tessera.fe.sql.ast.PartitionDefinition;
import io.tessera.fe.sql.ast.PartitionDescription;
import io.tessera.fe.sql.ast.PartitionType;
import io.tessera.fe.sql.ast.PartitionValue;
import io.tessera.fe.sql.ast.Statement;
import io.tessera.fe.sql.ast.TableName;
import io.tessera.fe.sql.ast.TypeDefinition;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CREATE / DROP DATABASE, CREATE / DROP TABLE and ALTER TABLE ... ADD / DROP PARTITION. */
class DdlParserTest {
    private final SqlParser parser = new SqlParser();

    private Statement parse(String sql) {
        return parser.parse(sql);
    }

    private CreateTableStatement createTable(String sql) {
        return (CreateTableStatement) parse(sql);
    }

    /** The one column of {@code CREATE TABLE t (<definition>)}. */
    private ColumnDefinition column(String definition) {
        return createTable("CREATE TABLE t (" + definition + ")").columns().get(0);
    }

    private TypeDefinition type(String type) {
        return column("c " + type).type();
    }

    private static TypeDefinition type(String name, Integer length, Integer precision, Integer scale) {
        return new TypeDefinition(name, length, precision, scale);
    }

    private static ColumnDefinition plainColumn(String name, TypeDefinition type) {
        return new ColumnDefinition(name, type, null, null, null, null);
    }

    private static List<PartitionValue> values(Object... values) {
        return Arrays.stream(values).map(PartitionValue::of).toList();
    }

    private static PartitionDefinition partition(String name, PartitionBound bound) {
        return new PartitionDefinition(name, false, bound, Map.of());
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }

    private static DistributionDescription hash(int buckets, String... columns) {
        return new DistributionDescription(DistributionType.HASH, List.of(columns), buckets, false);
    }

    private void assertSyntaxError(String sql) {
        assertThatThrownBy(() -> parse(sql))
                .as(sql)
                .isInstanceOf(TesseraException.class)
                .hasMessageMatching("(?s)\n.*\\(line \\d+, pos \\d+\\)");
    }

    // ----------------------------------------------------------------------------------------
    // Databases.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Databases {
        @Test
        void createDatabase() {
            assertThat(parse("CREATE DATABASE db1")).isEqualTo(new CreateDatabaseStatement(false, "db1", Map.of()));
            assertThat(parse("create schema if not exists `My Db`;"))
                    .isEqualTo(new CreateDatabaseStatement(true, "My Db", Map.of()));
            CreateDatabaseStatement withProperties = (CreateDatabaseStatement) parse(
                    "CREATE DATABASE d PROPERTIES ('replication_num' = \"1\", \"b\" = 'x')");
            assertThat(withProperties).isEqualTo(new CreateDatabaseStatement(false, "d", map("replication_num", "1", "b", "x")));
            assertThat(withProperties.properties().keySet()).containsExactly("replication_num", "b");
        }

        @Test
        void dropDatabase() {
            assertThat(parse("DROP DATABASE db1")).isEqualTo(new DropDatabaseStatement(false, "db1", false));
            assertThat(parse("drop database if exists db1 force"))
                    .isEqualTo(new DropDatabaseStatement(true, "db1", true));
            assertThat(parse("DROP SCHEMA `d` FORCE")).isEqualTo(new DropDatabaseStatement(false, "d", true));
        }

        @Test
        void keywordsAsDatabaseNames() {
            assertThat(parse("CREATE DATABASE data")).isEqualTo(new CreateDatabaseStatement(false, "data", Map.of()));
            assertThat(parse("CREATE DATABASE if")).isEqualTo(new CreateDatabaseStatement(false, "if", Map.of()));
            assertThat(parse("DROP DATABASE force")).isEqualTo(new DropDatabaseStatement(false, "force", false));
            assertThat(parse("DROP DATABASE if exists force force"))
                    .isEqualTo(new DropDatabaseStatement(true, "force", true));
        }

        @Test
        void malformed() {
            assertSyntaxError("CREATE DATABASE");
            assertSyntaxError("CREATE DATABASE IF EXISTS d");
            assertSyntaxError("DROP DATABASE IF NOT EXISTS d");
            assertSyntaxError("DROP DATABASE a.b");
            assertSyntaxError("CREATE DATABASE d PROPERTIES ()");
            assertSyntaxError("DROP DATABASE d FORCE FORCE");
        }
    }

    // ----------------------------------------------------------------------------------------
    // CREATE TABLE.
    // ----------------------------------------------------------------------------------------

    @Nested
    class CreateTable {
        @Test
        void dorisRangeExample() {
            String sql = "CREATE TABLE example_db.table_range (\n"
                    + "  `k1` DATE, `k2` INT, `k3` SMALLINT, `v1` VARCHAR(2048), `v2` DATETIME DEFAULT \"2014-02-04 15:36:00\"\n"
                    + ") ENGINE=olap DUPLICATE KEY(`k1`, `k2`, `k3`)\n"
                    + "PARTITION BY RANGE (`k1`) (\n"
                    + "  PARTITION `p1` VALUES LESS THAN (\"2014-01-01\"),\n"
                    + "  PARTITION `p2` VALUES LESS THAN (\"2014-06-01\"),\n"
                    + "  PARTITION `p3` VALUES LESS THAN (\"2014-12-01\")\n"
                    + ") DISTRIBUTED BY HASH(`k2`) BUCKETS 32 PROPERTIES (\"replication_num\" = \"1\");";
            assertThat(parse(sql)).isEqualTo(new CreateTableStatement(
                    false,
                    new TableName("example_db", "table_range"),
                    List.of(
                            plainColumn("k1", TypeDefinition.of("DATE")),
                            plainColumn("k2", TypeDefinition.of("INT")),
                            plainColumn("k3", TypeDefinition.of("SMALLINT")),
                            plainColumn("v1", type("VARCHAR", 2048, null, null)),
                            new ColumnDefinition("v2", TypeDefinition.of("DATETIME"), null,
                                    new Literal("2014-02-04 15:36:00"), "\"2014-02-04 15:36:00\"", null)),
                    "olap",
                    new KeysDescription(KeysType.DUPLICATE, List.of("k1", "k2", "k3")),
                    null,
                    new PartitionDescription(PartitionType.RANGE, List.of("k1"), List.of(
                            partition("p1", new LessThanBound(values("2014-01-01"))),
                            partition("p2", new LessThanBound(values("2014-06-01"))),
                            partition("p3", new LessThanBound(values("2014-12-01"))))),
                    hash(32, "k2"),
                    map("replication_num", "1")));
        }

        @Test
        void dorisListExample() {
            String sql = "CREATE TABLE IF NOT EXISTS example_db.table_list\n"
                    + "(\n"
                    + "    `k1` INT,\n"
                    + "    `k2` VARCHAR(128),\n"
                    + "    `k3` SMALLINT,\n"
                    + "    `v1` VARCHAR(2048),\n"
                    + "    `v2` DATETIME DEFAULT \"2014-02-04 15:36:00\"\n"
                    + ")\n"
                    + "ENGINE=olap\n"
                    + "DUPLICATE KEY(`k1`, `k2`, `k3`)\n"
                    + "PARTITION BY LIST (`k1`)\n"
                    + "(\n"
                    + "    PARTITION `p1` VALUES IN (\"1\", \"2\", \"3\"),\n"
                    + "    PARTITION `p2` VALUES IN (\"4\", \"5\", \"6\"),\n"
                    + "    PARTITION `p3` VALUES IN (\"7\", \"8\", \"9\")\n"
                    + ")\n"
                    + "DISTRIBUTED BY HASH(`k2`) BUCKETS 16\n"
                    + "PROPERTIES\n"
                    + "(\n"
                    + "    \"replication_num\" = \"1\"\n"
                    + ");";
            CreateTableStatement statement = createTable(sql);
            assertThat(statement.ifNotExists()).isTrue();
            assertThat(statement.partitioning()).isEqualTo(new PartitionDescription(PartitionType.LIST, List.of("k1"),
                    List.of(
                            partition("p1", new ListValuesBound(List.of(values("1"), values("2"), values("3")))),
                            partition("p2", new ListValuesBound(List.of(values("4"), values("5"), values("6")))),
                            partition("p3", new ListValuesBound(List.of(values("7"), values("8"), values("9")))))));
            assertThat(statement.distribution()).isEqualTo(hash(16, "k2"));
            assertThat(statement.columns()).extracting(ColumnDefinition::name).containsExactly("k1", "k2", "k3", "v1", "v2");
        }

        @Test
        void multiColumnListPartitions() {
            CreateTableStatement statement = createTable("CREATE TABLE t (k1 INT NOT NULL, k2 VARCHAR(20) NOT NULL)"
                    + " PARTITION BY LIST (k1, k2) ("
                    + "PARTITION p1 VALUES IN ((\"1\", \"beijing\"), (\"1\", \"shanghai\")),"
                    + "PARTITION p2 VALUES IN ((2, 'tianjin'), (-3, NULL)) ('replication_num' = '3'))");
            assertThat(statement.partitioning()).isEqualTo(new PartitionDescription(PartitionType.LIST,
                    List.of("k1", "k2"), List.of(
                            partition("p1", new ListValuesBound(List.of(values("1", "beijing"), values("1", "shanghai")))),
                            new PartitionDefinition("p2", false,
                                    new ListValuesBound(List.of(values(2L, "tianjin"), values(-3L, null))),
                                    map("replication_num", "3")))));
        }

        @Test
        void rangeBounds() {
            CreateTableStatement statement = createTable("CREATE TABLE t (k1 DATE, k2 INT) PARTITION BY RANGE (k1, k2) ("
                    + "PARTITION p1 VALUES LESS THAN (\"2024-01-01\", \"1\"),"
                    + "PARTITION p2 VALUES [(\"2024-01-01\"), (\"2024-02-01\")),"
                    + "PARTITION p3 VALUES [('2024-02-01', 5), ('2024-03-01', -1.5)) (\"storage_medium\" = \"SSD\"),"
                    + "PARTITION IF NOT EXISTS p4 VALUES LESS THAN (\"2025-01-01\", MAXVALUE),"
                    + "PARTITION p5 VALUES LESS THAN (MAXVALUE),"
                    + "PARTITION p6 VALUES LESS THAN MAXVALUE)");
            assertThat(statement.partitioning().partitions()).containsExactly(
                    partition("p1", new LessThanBound(values("2024-01-01", "1"))),
                    partition("p2", new FixedRangeBound(values("2024-01-01"), values("2024-02-01"))),
                    new PartitionDefinition("p3", false,
                            new FixedRangeBound(values("2024-02-01", 5L), values("2024-03-01", new BigDecimal("-1.5"))),
                            map("storage_medium", "SSD")),
                    new PartitionDefinition("p4", true,
                            new LessThanBound(List.of(PartitionValue.of("2025-01-01"), PartitionValue.MAX_VALUE)), Map.of()),
                    partition("p5", new LessThanBound(List.of(PartitionValue.MAX_VALUE))),
                    partition("p6", new LessThanBound(List.of(PartitionValue.MAX_VALUE))));
        }

        @Test
        void emptyPartitionList() {
            assertThat(createTable("CREATE TABLE t (k DATE) PARTITION BY RANGE(k) () DISTRIBUTED BY HASH(k) BUCKETS 1")
                    .partitioning()).isEqualTo(new PartitionDescription(PartitionType.RANGE, List.of("k"), List.of()));
        }

        @Test
        void minimalTable() {
            assertThat(parse("create table t (a int)")).isEqualTo(new CreateTableStatement(false, new TableName(null, "t"),
                    List.of(plainColumn("a", TypeDefinition.of("INT"))), null, null, null, null, null, Map.of()));
        }

        @Test
        void distributions() {
            assertThat(createTable("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a, `b c`) BUCKETS AUTO").distribution())
                    .isEqualTo(new DistributionDescription(DistributionType.HASH, List.of("a", "b c"), null, true));
            assertThat(createTable("CREATE TABLE t (a INT) DISTRIBUTED BY RANDOM BUCKETS 10").distribution())
                    .isEqualTo(new DistributionDescription(DistributionType.RANDOM, List.of(), 10, false));
            assertThat(createTable("CREATE TABLE t (a INT) distributed by random buckets auto").distribution())
                    .isEqualTo(new DistributionDescription(DistributionType.RANDOM, List.of(), null, true));
            assertThat(createTable("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a)").distribution())
                    .isEqualTo(new DistributionDescription(DistributionType.HASH, List.of("a"), null, false));
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH() BUCKETS 1");
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS -1");
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY RANDOM(a) BUCKETS 1");
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 99999999999");
        }

        @Test
        void keysEngineCommentAndProperties() {
            CreateTableStatement statement = createTable("CREATE TABLE `d`.`t` (a INT, b INT) ENGINE = OLAP"
                    + " UNIQUE KEY (a) COMMENT \"my table\" PROPERTIES ('a' = 'b', 'c' = 'd')");
            assertThat(statement.table()).isEqualTo(new TableName("d", "t"));
            assertThat(statement.engine()).isEqualTo("olap");
            assertThat(statement.keys()).isEqualTo(new KeysDescription(KeysType.UNIQUE, List.of("a")));
            assertThat(statement.comment()).isEqualTo("my table");
            assertThat(statement.properties()).containsExactly(Map.entry("a", "b"), Map.entry("c", "d"));
            assertThat(createTable("CREATE TABLE t (a INT) AGGREGATE KEY (a)").keys())
                    .isEqualTo(new KeysDescription(KeysType.AGGREGATE, List.of("a")));
        }

        @Test
        void clausesInTheWrongOrderAreSyntaxErrors() {
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 1 DUPLICATE KEY(a)");
            assertSyntaxError("CREATE TABLE t (a INT) PROPERTIES ('a' = 'b') ENGINE = olap");
            assertSyntaxError("CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 1 PARTITION BY RANGE(a) ()");
        }

        @Test
        void malformed() {
            assertSyntaxError("CREATE TABLE t");
            assertSyntaxError("CREATE TABLE t ()");
            assertSyntaxError("CREATE TABLE t (a)");
            assertSyntaxError("CREATE TABLE t (a INT,)");
            assertSyntaxError("CREATE TABLE a.b.c (a INT)");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY HASH (a) ()");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY RANGE (a) (PARTITION p VALUES LESS THAN ())");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY RANGE (a) (PARTITION p VALUES LESS THAN (a))");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY RANGE (a) (PARTITION p VALUES [(\"1\"), (\"2\")])");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY LIST (a) (PARTITION p VALUES IN ())");
            assertSyntaxError("CREATE TABLE t (a INT) PARTITION BY LIST (a) (PARTITION p)");
        }
    }

    // ----------------------------------------------------------------------------------------
    // Columns and types.
    // ----------------------------------------------------------------------------------------

    @Nested
    class Columns {
        @Test
        void everyType() {
            assertThat(type("BOOLEAN")).isEqualTo(TypeDefinition.of("BOOLEAN"));
            assertThat(type("tinyint")).isEqualTo(TypeDefinition.of("TINYINT"));
            assertThat(type("SmallInt")).isEqualTo(TypeDefinition.of("SMALLINT"));
            assertThat(type("INT")).isEqualTo(TypeDefinition.of("INT"));
            assertThat(type("INTEGER")).isEqualTo(TypeDefinition.of("INT"));
            assertThat(type("INT(11)")).isEqualTo(TypeDefinition.of("INT"));
            assertThat(type("BIGINT")).isEqualTo(TypeDefinition.of("BIGINT"));
            assertThat(type("LARGEINT")).isEqualTo(TypeDefinition.of("LARGEINT"));
            assertThat(type("FLOAT")).isEqualTo(TypeDefinition.of("FLOAT"));
            assertThat(type("DOUBLE")).isEqualTo(TypeDefinition.of("DOUBLE"));
            assertThat(type("DECIMAL")).isEqualTo(TypeDefinition.of("DECIMAL"));
            assertThat(type("DECIMAL(10)")).isEqualTo(type("DECIMAL", null, 10, null));
            assertThat(type("DECIMAL(27, 9)")).isEqualTo(type("DECIMAL", null, 27, 9));
            assertThat(type("decimalv3(38,18)")).isEqualTo(type("DECIMAL", null, 38, 18));
            assertThat(type("DATE")).isEqualTo(TypeDefinition.of("DATE"));
            assertThat(type("DATEV2")).isEqualTo(TypeDefinition.of("DATE"));
            assertThat(type("DATETIME")).isEqualTo(TypeDefinition.of("DATETIME"));
            assertThat(type("DATETIME(3)")).isEqualTo(type("DATETIME", null, 3, null));
            assertThat(type("datetimev2(6)")).isEqualTo(type("DATETIME", null, 6, null));
            assertThat(type("CHAR")).isEqualTo(TypeDefinition.of("CHAR"));
            assertThat(type("CHAR(10)")).isEqualTo(type("CHAR", 10, null, null));
            assertThat(type("VARCHAR")).isEqualTo(TypeDefinition.of("VARCHAR"));
            assertThat(type("VARCHAR(65533)")).isEqualTo(type("VARCHAR", 65533, null, null));
            assertThat(type("STRING")).isEqualTo(TypeDefinition.of("STRING"));
        }

        @Test
        void badTypes() {
            assertThatThrownBy(() -> parse("CREATE TABLE t (a FOO)"))
                    .isInstanceOf(TesseraException.class)
                    .hasMessage("\nUnknown data type 'FOO'(line 1, pos 18)");
            assertThatThrownBy(() -> parse("CREATE TABLE t (\n a BOOLEAN(1))"))
                    .isInstanceOf(TesseraException.class)
                    .hasMessage("\nType BOOLEAN takes no parameters(line 2, pos 11)");
            assertSyntaxError("CREATE TABLE t (a VARCHAR(1, 2))");
            assertSyntaxError("CREATE TABLE t (a DATETIME(1, 2))");
            assertSyntaxError("CREATE TABLE t (a STRING(10))");
            assertSyntaxError("CREATE TABLE t (a SIGNED)");
            assertSyntaxError("CREATE TABLE t (a TIMESTAMP)");
            assertSyntaxError("CREATE TABLE t (a DECIMAL(1, 2, 3))");
            assertSyntaxError("CREATE TABLE t (a VARCHAR(-1))");
            assertSyntaxError("CREATE TABLE t (a VARCHAR(99999999999))");
            assertSyntaxError("CREATE TABLE t (a VARCHAR('1'))");
        }

        @Test
        void nullability() {
            assertThat(column("a INT NULL").nullable()).isTrue();
            assertThat(column("a INT NOT NULL").nullable()).isFalse();
            assertThat(column("a INT").nullable()).isNull();
        }

        @Test
        void defaults() {
            assertThat(column("a INT NOT NULL DEFAULT \"10\"")).isEqualTo(new ColumnDefinition("a",
                    TypeDefinition.of("INT"), false, new Literal("10"), "\"10\"", null));
            assertThat(column("a INT DEFAULT 10")).isEqualTo(new ColumnDefinition("a",
                    TypeDefinition.of("INT"), null, new Literal(10L), "10", null));
            assertThat(column("a INT DEFAULT -10").defaultValue()).isEqualTo(new Literal(-10L));
            assertThat(column("a DOUBLE DEFAULT -1.5e2").defaultValue()).isEqualTo(new Literal(new BigDecimal("-1.5e2")));
            assertThat(column("a DOUBLE DEFAULT 2.5").defaultValue()).isEqualTo(new Literal(new BigDecimal("2.5")));
            assertThat(column("a VARCHAR(10) NULL DEFAULT NULL")).isEqualTo(new ColumnDefinition("a",
                    type("VARCHAR", 10, null, null), true, Literal.NULL, "NULL", null));
            assertThat(column("a VARCHAR(10) DEFAULT 'it''s'").defaultValue()).isEqualTo(new Literal("it's"));
            assertThat(column("a BOOLEAN DEFAULT TRUE").defaultValue()).isEqualTo(new Literal(true));
            assertThat(column("a DATETIME DEFAULT CURRENT_TIMESTAMP")).isEqualTo(new ColumnDefinition("a",
                    TypeDefinition.of("DATETIME"), null, new FunctionCall("current_timestamp", List.of(), false, false),
                    "CURRENT_TIMESTAMP", null));
            assertThat(column("a DATETIME(3) NOT NULL DEFAULT current_timestamp(3) COMMENT 'ts'")).isEqualTo(
                    new ColumnDefinition("a", type("DATETIME", null, 3, null), false,
                            new FunctionCall("current_timestamp", List.of(new Literal(3L)), false, false),
                            "current_timestamp(3)", "ts"));
            assertThat(column("a DATE DEFAULT CURRENT_DATE").defaultValue())
                    .isEqualTo(new FunctionCall("current_date", List.of(), false, false));
            assertSyntaxError("CREATE TABLE t (a INT DEFAULT)");
            assertSyntaxError("CREATE TABLE t (a INT DEFAULT 1 + 1)");
            assertSyntaxError("CREATE TABLE t (a INT DEFAULT now())");
        }

        @Test
        void comments() {
            assertThat(column("a INT COMMENT \"the a\"")).isEqualTo(new ColumnDefinition("a",
                    TypeDefinition.of("INT"), null, null, null, "the a"));
            assertThat(column("`a b` INT NOT NULL DEFAULT '1' COMMENT 'x'")).isEqualTo(new ColumnDefinition("a b",
                    TypeDefinition.of("INT"), false, new Literal("1"), "'1'", "x"));
        }

        @Test
        void dorisOrderOnly() {
            assertSyntaxError("CREATE TABLE t (a INT DEFAULT 1 NOT NULL)");
            assertSyntaxError("CREATE TABLE t (a INT COMMENT 'x' DEFAULT 1)");
            assertSyntaxError("CREATE TABLE t (a INT NULL NULL)");
        }

        @Test
        void keywordsAsColumnAndTableNames() {
            CreateTableStatement statement = createTable("CREATE TABLE comment (data INT, status VARCHAR(10),"
                    + " label INT, range INT, list INT, date DATE, timestamp DATETIME, engine INT, buckets INT,"
                    + " partitions INT, tablets INT, force INT, auto INT, random INT, hash INT, `key` INT, type INT,"
                    + " value INT, if INT, less INT, than INT, replica INT, distribution INT, cast INT)"
                    + " DUPLICATE KEY (data, status) DISTRIBUTED BY HASH(date) BUCKETS 1");
            assertThat(statement.table()).isEqualTo(new TableName(null, "comment"));
            assertThat(statement.columns()).extracting(ColumnDefinition::name).containsExactly("data", "status",
                    "label", "range", "list", "date", "timestamp", "engine", "buckets", "partitions", "tablets",
                    "force", "auto", "random", "hash", "key", "type", "value", "if", "less", "than", "replica",
                    "distribution", "cast");
            assertSyntaxError("CREATE TABLE t (key INT)");
            assertSyntaxError("CREATE TABLE t (values INT)");
            assertSyntaxError("CREATE TABLE table (a INT)");
        }
    }

    // ----------------------------------------------------------------------------------------
    // DROP TABLE and ALTER TABLE ... PARTITION.
    // ----------------------------------------------------------------------------------------

    @Nested
    class DropAndAlter {
        @Test
        void dropTable() {
            assertThat(parse("DROP TABLE t")).isEqualTo(new DropTableStatement(false, new TableName(null, "t"), false));
            assertThat(parse("drop table if exists `db`.t force;"))
                    .isEqualTo(new DropTableStatement(true, new TableName("db", "t"), true));
            assertThat(parse("DROP TABLE db.t FORCE")).isEqualTo(new DropTableStatement(false, new TableName("db", "t"), true));
            assertThat(parse("DROP TABLE IF EXISTS force"))
                    .isEqualTo(new DropTableStatement(true, new TableName(null, "force"), false));
            assertSyntaxError("DROP TABLE");
            assertSyntaxError("DROP TABLE IF EXISTS");
            assertSyntaxError("DROP TABLE t, u");
        }

        @Test
        void addPartition() {
            assertThat(parse("ALTER TABLE example_db.table_range ADD PARTITION p4 VALUES LESS THAN (\"2015-01-01\")"))
                    .isEqualTo(new AddPartitionStatement(new TableName("example_db", "table_range"),
                            partition("p4", new LessThanBound(values("2015-01-01"))), null));
            assertThat(parse("ALTER TABLE t ADD PARTITION IF NOT EXISTS `p5` VALUES LESS THAN (MAXVALUE)"
                    + " ('replication_num' = '1') DISTRIBUTED BY HASH(k1) BUCKETS 20"))
                    .isEqualTo(new AddPartitionStatement(new TableName(null, "t"),
                            new PartitionDefinition("p5", true, new LessThanBound(List.of(PartitionValue.MAX_VALUE)),
                                    map("replication_num", "1")),
                            hash(20, "k1")));
            assertThat(parse("ALTER TABLE t ADD PARTITION p VALUES [(\"1\"), (\"5\"))"))
                    .isEqualTo(new AddPartitionStatement(new TableName(null, "t"),
                            partition("p", new FixedRangeBound(values("1"), values("5"))), null));
            assertThat(parse("ALTER TABLE t ADD PARTITION p VALUES IN ('a', 'b')"))
                    .isEqualTo(new AddPartitionStatement(new TableName(null, "t"),
                            partition("p", new ListValuesBound(List.of(values("a"), values("b")))), null));
            assertSyntaxError("ALTER TABLE t ADD PARTITION p");
            assertSyntaxError("ALTER TABLE t ADD PARTITION VALUES LESS THAN (\"1\")");
        }

        @Test
        void dropPartition() {
            assertThat(parse("ALTER TABLE t DROP PARTITION p1"))
                    .isEqualTo(new DropPartitionStatement(new TableName(null, "t"), false, "p1", false));
            assertThat(parse("alter table db.t drop partition if exists `p1` force"))
                    .isEqualTo(new DropPartitionStatement(new TableName("db", "t"), true, "p1", true));
            assertSyntaxError("ALTER TABLE t DROP PARTITION");
            assertSyntaxError("ALTER TABLE t DROP PARTITION p1, p2");
        }
    }

    @Test
    void recordsAreImmutable() {
        CreateTableStatement statement = createTable("CREATE TABLE t (a INT) PARTITION BY LIST (a)"
                + " (PARTITION p VALUES IN (1, 2)) PROPERTIES ('k' = 'v')");
        assertThatThrownBy(() -> statement.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> statement.properties().clear()).isInstanceOf(UnsupportedOperationException.class);
        ListValuesBound bound = (ListValuesBound) statement.partitioning().partitions().get(0).bound();
        assertThatThrownBy(() -> bound.values().get(0).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void randomDdlInputOnlyThrowsTesseraException() {
        String[] words = {"CREATE", "DROP", "ALTER", "TABLE", "DATABASE", "IF", "NOT", "EXISTS", "t", "db.t", "(", ")",
            ",", "INT", "VARCHAR(10)", "DECIMAL(10,2)", "NULL", "DEFAULT", "'x'", "-1", "COMMENT", "ENGINE", "=",
            "olap", "DUPLICATE", "KEY", "PARTITION", "BY", "RANGE", "LIST", "VALUES", "LESS", "THAN", "MAXVALUE", "[",
            "IN", "DISTRIBUTED", "HASH", "RANDOM", "BUCKETS", "AUTO", "3", "PROPERTIES", "ADD", "FORCE", "INSERT",
            "INTO", "WITH", "LABEL", "SELECT", "SHOW", "TABLETS", "DATA", "FROM", "ADMIN", "REPLICA", "STATUS",
            "DESC", "ALL", "CAST", "AS", "DATE", "HAVING", "99999999999"};
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sql = new StringBuilder();
            int length = 1 + random.nextInt(25);
            for (int j = 0; j < length; j++) {
                sql.append(words[random.nextInt(words.length)]).append(' ');
            }
            String text = sql.toString();
            assertThatCode(() -> {
                try {
                    parse(text);
                } catch (TesseraException expected) {
                    // Fine, unless it wraps a bug of the builders (an unexpected runtime exception).
                    assertThat(expected.getCause()).as(text).isNull();
                }
            }).as(text).doesNotThrowAnyException();
        }
    }
}
