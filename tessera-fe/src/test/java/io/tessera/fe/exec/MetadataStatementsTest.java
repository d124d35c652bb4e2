package io.tessera.fe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.Column;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What MySQL tools ask to learn a schema, through the parser, the privilege check and the
 * executors of an in-process FE: information_schema queries with filters, aggregates, CASE and
 * UNION, the metadata SHOW statements, and what a user without privileges sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataStatementsTest {
    private static final String HOST = "10.0.0.1";
    private InProcessCluster cluster;
    private ClusterSession root;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(1);
        root = cluster.session();
        root.execute("CREATE DATABASE shop");
        root.execute("CREATE TABLE shop.orders (id BIGINT NOT NULL, note VARCHAR(20) DEFAULT 'none' COMMENT 'text',"
                + " paid BOOLEAN, day DATE) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        root.execute("CREATE TABLE shop.secret (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        root.execute("CREATE USER 'clerk'@'%'");
        root.execute("GRANT SELECT_PRIV ON shop.orders TO 'clerk'@'%'");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aggregatesFiltersAndSortsOverSystemTables() {
        assertThat(root.rows("SELECT count(*) FROM information_schema.schemata"))
                .containsExactly(List.of("3"));
        assertThat(root.rows("SELECT count(*), count(COLUMN_DEFAULT), min(ORDINAL_POSITION), max(COLUMN_NAME),"
                + " sum(ORDINAL_POSITION) + 1 FROM information_schema.columns WHERE TABLE_SCHEMA = 'shop'"
                + " AND TABLE_NAME = 'orders'")).containsExactly(List.of("4", "1", "1", "paid", "11"));
        assertThat(root.rows("SELECT count(*), max(TABLE_NAME) FROM information_schema.tables"
                + " WHERE TABLE_SCHEMA = 'nowhere'")).containsExactly(Arrays.asList("0", null));
        assertThat(root.rows("SELECT DISTINCT TABLE_TYPE FROM information_schema.tables ORDER BY 1 DESC"))
                .containsExactly(List.of("SYSTEM VIEW"), List.of("BASE TABLE"));
        assertThat(root.rows("SELECT TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA = 'shop'"
                + " AND TABLE_NAME LIKE '%e%' ORDER BY TABLE_NAME DESC LIMIT 1")).containsExactly(List.of("secret"));
        TesseraException grouped = catchThrowableOfType(TesseraException.class, () -> root.execute(
                "SELECT TABLE_SCHEMA, count(*) FROM information_schema.tables GROUP BY TABLE_SCHEMA"));
        assertThat(grouped.getMessage()).contains("GROUP BY is not supported on this table yet");
        TesseraException having = catchThrowableOfType(TesseraException.class, () -> root.execute(
                "SELECT count(*) FROM information_schema.tables HAVING count(*) > 100"));
        assertThat(having.getMessage()).contains("HAVING is not supported on this table yet");
    }

    @Test
    void mariadbConnectorsColumnQueryExpressionsEvaluate() {
        List<List<String>> rows = root.rows("SELECT COLUMN_NAME, CASE DATA_TYPE WHEN 'bigint' THEN -5"
                + " WHEN 'tinyint' THEN IF(COLUMN_TYPE like 'tinyint(1)%',16,-6) WHEN 'varchar' THEN 12 ELSE 1111 END"
                + " DATA_TYPE, UCASE(IF( COLUMN_TYPE LIKE '%(%)%', CONCAT(SUBSTRING( COLUMN_TYPE,1,"
                + " LOCATE('(',COLUMN_TYPE) - 1 ), SUBSTRING(COLUMN_TYPE ,1+locate(')', COLUMN_TYPE))), COLUMN_TYPE))"
                + " TYPE_NAME, CONVERT(CASE WHEN NUMERIC_SCALE IS NULL THEN 0 ELSE NUMERIC_SCALE END, UNSIGNED INTEGER)"
                + " DECIMAL_DIGITS, LEAST(CHARACTER_OCTET_LENGTH, 2147483647) OCTETS"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA='shop' AND TABLE_NAME='orders'"
                + " ORDER BY TABLE_NAME, ORDINAL_POSITION");
        assertThat(rows).containsExactly(Arrays.asList("id", "-5", "BIGINT", "0", null),
                Arrays.asList("note", "12", "VARCHAR", "0", "80"), Arrays.asList("paid", "16", "TINYINT", "0", null),
                Arrays.asList("day", "1111", "DATE", "0", null));
        assertThat(root.rows("SELECT 'LOCAL TEMPORARY' TABLE_TYPE UNION SELECT 'TABLE' TABLE_TYPE"
                + " UNION SELECT 'TABLE' UNION ALL SELECT 'TABLE'")).containsExactly(List.of("LOCAL TEMPORARY"),
                List.of("TABLE"), List.of("TABLE"));
        assertThat(root.rows("SELECT '' TABLE_SCHEM, '' TABLE_CATALOG FROM DUAL WHERE 1=0")).isEmpty();
        TesseraException columns = catchThrowableOfType(TesseraException.class,
                () -> root.execute("SELECT 1 UNION SELECT 1, 2"));
        assertThat(columns.getMessage()).contains("different number of columns");
    }

    @Test
    void showColumnsIndexAndTableStatusInDorisColumns() {
        ResultSet full = root.query("SHOW FULL COLUMNS FROM orders FROM shop");
        assertThat(full.columns()).extracting(Column::name).containsExactly("Field", "Type", "Collation", "Null",
                "Key", "Default", "Extra", "Privileges", "Comment");
        assertThat(full.rows()).containsExactly(Arrays.asList("id", "bigint", "", "NO", "YES", null, "", "", ""),
                Arrays.asList("note", "varchar(20)", "", "YES", "NO", "none", "", "", "text"),
                Arrays.asList("paid", "boolean", "", "YES", "NO", null, "", "", ""),
                Arrays.asList("day", "date", "", "YES", "NO", null, "", "", ""));
        ResultSet some = root.query("SHOW FIELDS IN shop.orders LIKE 'N%'");
        assertThat(some.columns()).extracting(Column::name).containsExactly("Field", "Type", "Null", "Key",
                "Default", "Extra");
        assertThat(some.rows()).containsExactly(Arrays.asList("note", "varchar(20)", "YES", "NO", "none", ""));
        assertThat(root.rows("SHOW COLUMNS FROM information_schema.engines LIKE 'XA'"))
                .containsExactly(Arrays.asList("XA", "varchar(3)", "YES", "NO", null, ""));

        ResultSet index = root.query("SHOW KEYS FROM orders FROM shop");
        assertThat(index.columns()).extracting(Column::name).containsExactly("Table", "Non_unique", "Key_name",
                "Seq_in_index", "Column_name", "Collation", "Cardinality", "Sub_part", "Packed", "Null",
                "Index_type", "Comment", "Properties");
        assertThat(index.rows()).isEmpty();
        TesseraException missing = catchThrowableOfType(TesseraException.class,
                () -> root.execute("SHOW INDEX FROM shop.nothing"));
        assertThat(missing.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);

        ResultSet status = root.query("SHOW TABLE STATUS FROM shop LIKE 'ord%'");
        assertThat(status.columns()).extracting(Column::name).containsExactly("Name", "Engine", "Version",
                "Row_format", "Rows", "Avg_row_length", "Data_length", "Max_data_length", "Index_length",
                "Data_free", "Auto_increment", "Create_time", "Update_time", "Check_time", "Collation", "Checksum",
                "Create_options", "Comment");
        assertThat(status.rows()).hasSize(1);
        assertThat(status.rows().get(0).subList(0, 2)).containsExactly("orders", "Doris");
        assertThat(status.rows().get(0).get(11)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(root.rows("SHOW FULL TABLES FROM shop")).containsExactly(List.of("orders", "BASE TABLE"),
                List.of("secret", "BASE TABLE"));
    }

    @Test
    void showsFilterWithWhereOverTheirColumns() {
        assertThat(root.rows("SHOW FULL TABLES FROM shop WHERE Table_type = 'BASE TABLE'"
                + " AND Tables_in_shop <> 'secret'"))
                .containsExactly(List.of("orders", "BASE TABLE"));
        assertThat(root.rows("SHOW COLUMNS FROM shop.orders WHERE `Key` = 'YES' OR `Null` = 'no'"))
                .extracting(row -> row.get(0)).containsExactly("id");
        assertThat(root.rows("SHOW TABLE STATUS FROM shop WHERE Name LIKE 's%'")).extracting(row -> row.get(0))
                .containsExactly("secret");
        assertThat(root.rows("SHOW COLLATION WHERE Charset = 'utf8mb4' AND Collation = 'utf8mb4_bin'")).isEmpty();
        assertThat(root.rows("SHOW CHARACTER SET WHERE Maxlen > 3")).hasSize(1);
        assertThat(root.rows("SHOW DATABASES WHERE `Database` LIKE 'sh%'")).containsExactly(List.of("shop"));
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> root.execute("SHOW TABLES FROM shop WHERE nothing = 1"));
        assertThat(unknown.getMessage()).isEqualTo("Unknown column 'nothing' in 'where clause'");
    }

    @Test
    void showCreateDatabaseCharsetsCollationsEnginesAndRoutines() {
        assertThat(root.rows("SHOW CREATE DATABASE shop")).containsExactly(List.of("shop", "CREATE DATABASE `shop`"));
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> root.execute("SHOW CREATE DATABASE nowhere"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(root.rows("SHOW CHARACTER SET")).containsExactly(List.of("utf8mb4", "UTF-8 Unicode",
                "utf8mb4_0900_bin", "4"));
        assertThat(root.rows("SHOW CHARSET LIKE 'latin%'")).isEmpty();
        assertThat(root.rows("SHOW COLLATION LIKE 'utf8mb4%'")).containsExactly(List.of("utf8mb4_0900_bin",
                "utf8mb4", "309", "Yes", "Yes", "1"));
        assertThat(root.rows("SHOW ENGINES")).hasSize(1);
        ResultSet functions = root.query("SHOW FUNCTION STATUS");
        assertThat(functions.rows()).isEmpty();
        assertThat(functions.columns()).extracting(Column::name).startsWith("Db", "Name", "Type");
        assertThat(root.rows("SHOW PROCEDURE STATUS LIKE 'x'")).isEmpty();
    }

    @Test
    void caseAndUnionAlsoWorkOverTableData() {
        root.execute("INSERT INTO shop.orders (id, note) VALUES (1, 'a'), (2, 'b')");
        assertThat(root.rows("SELECT id, CASE WHEN id = 1 THEN 'one' ELSE 'other' END FROM shop.orders"
                + " WHERE CASE id WHEN 2 THEN 1 ELSE 0 END = 1")).containsExactly(List.of("2", "other"));
        assertThat(root.rows("SELECT note FROM shop.orders WHERE id = 1 UNION ALL SELECT 'x' FROM DUAL"
                + " UNION SELECT SCHEMA_NAME FROM information_schema.schemata WHERE SCHEMA_NAME = 'shop'"))
                .containsExactly(List.of("a"), List.of("x"), List.of("shop"));
    }

    @Test
    void answersWhatSqlalchemysMysqlDialectSendsForInspect() {
        assertThat(root.rows("SHOW VARIABLES LIKE 'lower_case_table_names'")).extracting(row -> row.get(0))
                .containsExactly("lower_case_table_names");
        assertThat(root.rows("SHOW VARIABLES LIKE 'sql_mode'")).hasSize(1);
        assertThat(root.rows("SHOW VARIABLES LIKE 'character_set%'")).isNotEmpty();
        assertThat(root.rows("SHOW COLLATION")).extracting(row -> row.subList(0, 2))
                .containsExactly(List.of("utf8mb4_0900_bin", "utf8mb4"));
        assertThat(root.rows("SHOW SCHEMAS")).contains(List.of("shop"));
        assertThat(root.rows("SHOW FULL TABLES FROM `shop`")).contains(List.of("orders", "BASE TABLE"));
        assertThat(root.rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'shop'"
                + " AND table_name = 'orders'")).containsExactly(List.of("1"));
        assertThat(root.rows("SELECT CAST('test plain returns' AS CHAR(60)) AS anon_1"))
                .containsExactly(List.of("test plain returns"));
        assertThat(root.rows("SHOW CREATE TABLE `shop`.`orders`").get(0).get(1))
                .contains("`id` bigint NOT NULL", "DUPLICATE KEY(`id`)");
    }

    @Test
    void aUserSeesOnlyWhatSheHoldsAPrivilegeOn() {
        ClusterSession clerk = cluster.session("clerk", HOST);
        assertThat(clerk.rows("SELECT TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA = 'shop'"))
                .containsExactly(List.of("orders"));
        assertThat(clerk.rows("SELECT DISTINCT TABLE_NAME FROM information_schema.columns"
                + " WHERE TABLE_SCHEMA = 'shop'")).containsExactly(List.of("orders"));
        assertThat(clerk.rows("SHOW TABLE STATUS FROM shop")).extracting(row -> row.get(0))
                .containsExactly("orders");
        assertThat(clerk.rows("SHOW COLUMNS FROM shop.orders")).hasSize(4);
        TesseraException denied = catchThrowableOfType(TesseraException.class,
                () -> clerk.execute("SHOW COLUMNS FROM shop.secret"));
        assertThat(denied.getMessage())
                .isEqualTo("SHOW COLUMNS command denied to user 'clerk'@'10.0.0.1' for table 'shop: secret'");
        TesseraException index = catchThrowableOfType(TesseraException.class,
                () -> clerk.execute("SHOW INDEX FROM shop.secret"));
        assertThat(index.getMessage())
                .isEqualTo("SHOW INDEX command denied to user 'clerk'@'10.0.0.1' for table 'shop: secret'");
        assertThat(clerk.rows("SHOW FULL TABLES FROM shop")).containsExactly(List.of("orders", "BASE TABLE"));
        assertThat(clerk.rows("SELECT count(*) FROM information_schema.tables WHERE TABLE_SCHEMA ="
                + " 'information_schema'")).as("information_schema is readable by everyone")
                .containsExactly(List.of("14"));
        assertThat(clerk.rows("SHOW ENGINES")).hasSize(1);
        ClusterSession nobody = cluster.session("root", HOST);
        nobody.execute("CREATE USER 'nobody'@'%'");
        TesseraException noDatabase = catchThrowableOfType(TesseraException.class,
                () -> cluster.session("nobody", HOST).execute("SHOW CREATE DATABASE shop"));
        assertThat(noDatabase.getMessage()).contains("Access denied for user 'nobody'");
        TesseraException noStatus = catchThrowableOfType(TesseraException.class,
                () -> cluster.session("nobody", HOST).execute("SHOW TABLE STATUS FROM shop"));
        assertThat(noStatus.getMessage()).isEqualTo("Access denied for user 'nobody' to database 'shop'");
        assertThat(cluster.session("nobody", HOST).rows("SELECT count(*) FROM information_schema.tables"
                + " WHERE TABLE_SCHEMA = 'shop'")).containsExactly(List.of("0"));
    }
}
