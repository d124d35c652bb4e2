package io.tessera.fe.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.CatalogSnapshot;
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
 * The system databases: {@link DatabaseDirectory} over an empty catalog, and information_schema
 * queried through an in-process FE whose catalog holds user databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InformationSchemaTest {
    private final DatabaseDirectory directory = new DatabaseDirectory(() -> CatalogSnapshot.EMPTY);
    private InProcessCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(0);
        cluster.execute("CREATE DATABASE zeta");
        cluster.execute("CREATE DATABASE alpha");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void systemDatabasesExistInAnyCase() {
        assertThat(directory.databaseNames()).containsExactly("information_schema", "mysql");
        assertThat(directory.databaseOrThrow("INFORMATION_SCHEMA")).isEqualTo("information_schema");
        assertThat(directory.isSystemDatabase("mysql")).isTrue();
        assertThat(directory.tableNames("information_schema")).contains("schemata", "tables", "columns");
        assertThat(directory.tableNames("mysql")).isEmpty();
        assertThat(directory.table("information_schema", "SCHEMATA")).isPresent();
        TesseraException unknownTable = catchThrowableOfType(TesseraException.class,
                () -> directory.tableOrThrow("information_schema", "PROCESSLIST"));
        assertThat(unknownTable.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(unknownTable.getMessage()).isEqualTo("Unknown table 'PROCESSLIST'");
        TesseraException unknownDatabase = catchThrowableOfType(TesseraException.class,
                () -> directory.databaseOrThrow("nodb"));
        assertThat(unknownDatabase.code()).isEqualTo(ErrorCode.BAD_DATABASE);
        assertThat(unknownDatabase.getMessage()).isEqualTo("Unknown database 'nodb'");
    }

    @Test
    void schemataListsEveryDatabaseWithDorisColumns() {
        ResultSet schemata = cluster.query("SELECT * FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME");
        assertThat(schemata.columns()).extracting(Column::name).containsExactly("CATALOG_NAME", "SCHEMA_NAME",
                "DEFAULT_CHARACTER_SET_NAME", "DEFAULT_COLLATION_NAME", "SQL_PATH", "DEFAULT_ENCRYPTION");
        assertThat(schemata.rows()).containsExactly(
                Arrays.asList("internal", "alpha", "utf8mb4", "utf8mb4_0900_bin", null, "NO"),
                Arrays.asList("internal", "information_schema", "utf8mb4", "utf8mb4_0900_bin", null, "NO"),
                Arrays.asList("internal", "mysql", "utf8mb4", "utf8mb4_0900_bin", null, "NO"),
                Arrays.asList("internal", "zeta", "utf8mb4", "utf8mb4_0900_bin", null, "NO"));
    }

    @Test
    void informationSchemaCanBeTheCurrentDatabase() {
        ClusterSession session = cluster.session();
        session.execute("USE INFORMATION_SCHEMA");
        assertThat(session.rows("SELECT DATABASE()")).containsExactly(List.of("information_schema"));
        assertThat(session.rows("SHOW TABLES LIKE 'sch%'")).containsExactly(List.of("schemata"));
        assertThat(session.rows("SELECT SCHEMA_NAME FROM schemata WHERE SCHEMA_NAME LIKE '%eta'"))
                .containsExactly(List.of("zeta"));
        assertThat(session.fieldList("SCHEMATA")).extracting(Column::name).contains("SCHEMA_NAME");
        TesseraException unknown = catchThrowableOfType(TesseraException.class,
                () -> session.execute("SELECT * FROM TABLE_PRIVILEGES"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
        assertThat(unknown.getMessage()).contains("Unknown table 'TABLE_PRIVILEGES'");
    }
}
