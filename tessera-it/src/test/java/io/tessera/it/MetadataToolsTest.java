package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What database tools learn of a Tessera table, against a real FE and BE: MySQL Connector/J and
 * MariaDB Connector/J {@link DatabaseMetaData} (Connector/J asks with SHOW FULL TABLES / SHOW FULL
 * COLUMNS / SHOW KEYS / SHOW INDEX, or with information_schema queries under
 * {@code useInformationSchema=true}; the MariaDB driver with information_schema queries), the
 * result-set metadata of a query over the table, and {@code mariadb}'s SHOW FULL COLUMNS.
 */
class MetadataToolsTest {
    private static ClusterFixture fixture;
    private static String host;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.METADATA_TOOLS_PREFIX, 1);
        host = fixture.layout().frontendHost();
        FrontendClient client = fixture.client();
        client.execute("CREATE DATABASE tools");
        client.execute("CREATE TABLE tools.items (id BIGINT NOT NULL, name VARCHAR(20) DEFAULT 'none', "
                + "flag BOOLEAN, price DECIMAL(10, 2) COMMENT 'unit price', day DATE, at DATETIME, "
                + "whole DECIMAL(12, 0)) "
                + "DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
        client.execute("INSERT INTO tools.items VALUES (1, 'pen', true, 1.50, '2024-01-02', "
                + "'2024-01-02 03:04:05', 7)");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** {@code mysql}, {@code mariadb}, or {@code mysql+is}: Connector/J with {@code useInformationSchema=true}. */
    private static Connection connect(String driver) throws SQLException {
        boolean informationSchema = driver.endsWith("+is");
        return DriverManager.getConnection("jdbc:" + driver.replace("+is", "") + "://" + host + ":"
                + ClusterLayout.QUERY_PORT + "/tools?user=root&password="
                + (informationSchema ? "&useInformationSchema=true" : ""));
    }

    /** Every row of a metadata result set, each as label to value, only the labels asked for. */
    private static List<Map<String, String>> rows(ResultSet result, String... labels) throws SQLException {
        try (result) {
            List<Map<String, String>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String label : labels) {
                    row.put(label, result.getString(label));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb", "mysql+is"})
    void driversListTheTableAndItsColumns(String driver) throws Exception {
        // Connector/J reads information_schema's COLUMN_TYPE tinyint(1) as MySQL's BIT, SHOW COLUMNS'
        // boolean as BOOLEAN.
        boolean bit = driver.equals("mysql+is");
        try (Connection connection = connect(driver)) {
            DatabaseMetaData meta = connection.getMetaData();
            assertThat(rows(meta.getTables("tools", null, "%", null), "TABLE_CAT", "TABLE_NAME", "TABLE_TYPE"))
                    .containsExactly(Map.of("TABLE_CAT", "tools", "TABLE_NAME", "items", "TABLE_TYPE", "TABLE"));

            List<Map<String, String>> columns = rows(meta.getColumns("tools", null, "items", "%"), "COLUMN_NAME",
                    "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "IS_NULLABLE", "COLUMN_DEF", "REMARKS",
                    "ORDINAL_POSITION");
            assertThat(columns).extracting(row -> row.get("COLUMN_NAME"))
                    .containsExactly("id", "name", "flag", "price", "day", "at", "whole");
            assertThat(columns).extracting(row -> row.get("DATA_TYPE")).containsExactly(
                    Integer.toString(Types.BIGINT), Integer.toString(Types.VARCHAR),
                    Integer.toString(bit ? Types.BIT : Types.BOOLEAN),
                    Integer.toString(Types.DECIMAL), Integer.toString(Types.DATE),
                    Integer.toString(Types.TIMESTAMP), Integer.toString(Types.DECIMAL));
            assertThat(columns).extracting(row -> row.get("TYPE_NAME"))
                    .containsExactly("BIGINT", "VARCHAR", bit ? "BIT" : "BOOLEAN", "DECIMAL", "DATE", "DATETIME",
                    "DECIMAL");
            assertThat(columns).extracting(row -> row.get("IS_NULLABLE"))
                    .containsExactly("NO", "YES", "YES", "YES", "YES", "YES", "YES");
            assertThat(columns).extracting(row -> row.get("ORDINAL_POSITION"))
                    .containsExactly("1", "2", "3", "4", "5", "6", "7");
            Map<String, String> name = columns.get(1);
            assertThat(name.get("COLUMN_SIZE")).isEqualTo("20");
            assertThat(name.get("COLUMN_DEF")).isEqualTo("none");
            Map<String, String> price = columns.get(3);
            assertThat(price.get("COLUMN_SIZE")).isEqualTo("10");
            assertThat(price.get("DECIMAL_DIGITS")).isEqualTo("2");
            assertThat(price.get("REMARKS")).isEqualTo("unit price");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb", "mysql+is"})
    void driversFindNoPrimaryKeyOrIndexAsOnADorisDuplicateKeyTable(String driver) throws Exception {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData meta = connection.getMetaData();
            assertThat(rows(meta.getPrimaryKeys("tools", null, "items"), "COLUMN_NAME")).isEmpty();
            assertThat(rows(meta.getIndexInfo("tools", null, "items", false, false), "INDEX_NAME")).isEmpty();
            assertThat(rows(meta.getCatalogs(), "TABLE_CAT")).extracting(row -> row.get("TABLE_CAT"))
                    .contains("tools", "information_schema", "mysql");
            assertThat(rows(meta.getSchemas(), "TABLE_SCHEM")).isEmpty();
            assertThat(rows(meta.getTableTypes(), "TABLE_TYPE")).extracting(row -> row.get("TABLE_TYPE"))
                    .contains("TABLE", "VIEW");
            assertThat(rows(meta.getProcedures("tools", null, "%"), "PROCEDURE_NAME")).isEmpty();
            assertThat(rows(meta.getFunctions("tools", null, "%"), "FUNCTION_NAME")).isEmpty();
            if (driver.equals("mysql")) {
                // Connector/J's default mode reads foreign keys from SHOW CREATE TABLE; the others join.
                assertThat(rows(meta.getImportedKeys("tools", null, "items"), "FK_NAME")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void queryColumnsCarryDorisTypesAndLengths(String driver) throws Exception {
        try (Connection connection = connect(driver); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT flag, day, at, price, name, whole FROM items")) {
            ResultSetMetaData meta = result.getMetaData();
            assertThat(meta.getColumnType(1)).as("BOOLEAN is sent as TINYINT(1)").isIn(Types.BIT, Types.BOOLEAN);
            assertThat(meta.getColumnType(2)).isEqualTo(Types.DATE);
            assertThat(meta.getColumnDisplaySize(2)).isEqualTo(10);
            assertThat(meta.getColumnType(3)).isEqualTo(Types.TIMESTAMP);
            assertThat(meta.getColumnDisplaySize(3)).isEqualTo(19);
            assertThat(meta.getColumnType(4)).isEqualTo(Types.DECIMAL);
            assertThat(meta.getScale(4)).isEqualTo(2);
            assertThat(meta.getPrecision(4)).isEqualTo(10);
            assertThat(meta.getPrecision(6)).isEqualTo(12);
            assertThat(meta.getScale(6)).isZero();
            assertThat(meta.getColumnType(5)).isEqualTo(Types.VARCHAR);
            assertThat(result.next()).isTrue();
            assertThat(result.getObject(1)).isEqualTo(Boolean.TRUE);
            assertThat(result.getString(2)).isEqualTo("2024-01-02");
            assertThat(result.getBigDecimal(4)).isEqualByComparingTo("1.50");
        }
    }

    @Test
    void informationSchemaAnswersCountsAndTheMariadbClientShowsFullColumns() throws Exception {
        try (Connection connection = connect("mysql"); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM information_schema.columns "
                        + "WHERE TABLE_SCHEMA = 'tools' AND TABLE_NAME = 'items' AND COLUMN_KEY = 'DUP'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(1);
        }
        MariadbCli.Output output = new MariadbCli(host, ClusterLayout.QUERY_PORT)
                .root("SHOW FULL COLUMNS FROM tools.items");
        assertThat(output.exitCode()).as(output.stderr()).isZero();
        assertThat(output.stdout().lines().toList()).containsExactly(
                "Field\tType\tCollation\tNull\tKey\tDefault\tExtra\tPrivileges\tComment",
                "id\tbigint\t\tNO\tYES\tNULL\t\t\t",
                "name\tvarchar(20)\t\tYES\tNO\tnone\t\t\t",
                "flag\tboolean\t\tYES\tNO\tNULL\t\t\t",
                "price\tdecimal(10,2)\t\tYES\tNO\tNULL\t\t\tunit price",
                "day\tdate\t\tYES\tNO\tNULL\t\t\t",
                "at\tdatetime\t\tYES\tNO\tNULL\t\t\t",
                "whole\tdecimal(12,0)\t\tYES\tNO\tNULL\t\t\t");
    }
}
