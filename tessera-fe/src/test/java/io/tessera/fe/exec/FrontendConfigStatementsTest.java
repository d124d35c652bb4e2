package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static io.tessera.fe.testing.ResultRows.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.testing.ClusterSession;
import io.tessera.fe.testing.InProcessCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ADMIN SHOW / SET FRONTEND CONFIG on a running FE: Doris's columns, texts and privilege. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontendConfigStatementsTest {
    private InProcessCluster cluster;
    private ClusterSession root;

    @BeforeAll
    void startCluster() {
        cluster = InProcessCluster.start(0);
        root = cluster.session();
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    private TesseraException failure(ClusterSession session, String sql) {
        return catchThrowableOfType(TesseraException.class, () -> session.execute(sql));
    }

    @Test
    void showHasDorisColumnsSortedKeysAndALikeFilterIgnoringCase() {
        ResultSet all = root.query("ADMIN SHOW FRONTEND CONFIG");
        assertThat(names(all)).containsExactly("Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment");
        List<String> keys = all.rows().stream().map(row -> row.get(0)).toList();
        assertThat(keys).isSorted().contains("query_port", "disable_balance", "tablet_repair_delay_factor_second");

        List<Map<String, String>> rows = maps(root.query("SHOW FRONTEND CONFIG LIKE 'STORAGE_FLOOD%'"));
        assertThat(rows).containsExactly(
                Map.of("Key", "storage_flood_stage_left_capacity_bytes", "Value", "1073741824", "Type", "long",
                        "IsMutable", "true", "MasterOnly", "true", "Comment", ""),
                Map.of("Key", "storage_flood_stage_usage_percent", "Value", "95", "Type", "int",
                        "IsMutable", "true", "MasterOnly", "true", "Comment", ""));
        assertThat(maps(root.query("ADMIN SHOW FRONTEND CONFIG LIKE 'query_port'")))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("Type")).isEqualTo("int");
                    assertThat(row.get("IsMutable")).isEqualTo("false");
                });
    }

    @Test
    void aSetOfAMutableKeyIsShownAtOnce() {
        assertThat(root.execute("ADMIN SET FRONTEND CONFIG (\"max_balancing_tablets\" = \"150\")"))
                .isInstanceOf(OkResult.class);

        assertThat(maps(root.query("ADMIN SHOW FRONTEND CONFIG LIKE 'max_balancing_tablets'")))
                .singleElement().satisfies(row -> assertThat(row.get("Value")).isEqualTo("150"));
    }

    @Test
    void refusalsUseDorisTexts() {
        assertThat(failure(root, "ADMIN SET FRONTEND CONFIG ('unknown_config' = '1')").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Config 'unknown_config' does not exist");
        assertThat(failure(root, "ADMIN SET FRONTEND CONFIG ('query_port' = '9031')").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Config 'query_port' is not mutable");
        assertThat(failure(root, "ADMIN SET FRONTEND CONFIG ('schedule_batch_size' = 'abc')").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Failed to set config 'schedule_batch_size'. err: "
                        + "For input string: \"abc\"");
        assertThat(failure(root, "ADMIN SET FRONTEND CONFIG ('disable_balance' = 'yes')").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = Failed to set config 'disable_balance'. err: type mismatch");
        assertThat(failure(root, "ADMIN SET FRONTEND CONFIG ('disable_balance' = 'true', 'disable_disk_balance' ="
                + " 'true')").clientMessage())
                .isEqualTo("errCode = 2, detailMessage = config parameter size is not equal to 1");
        assertThat(maps(root.query("ADMIN SHOW FRONTEND CONFIG LIKE 'disable_balance'")))
                .singleElement().satisfies(row -> assertThat(row.get("Value")).isEqualTo("false"));
    }

    @Test
    void bothStatementsNeedAdmin() {
        try (ClusterSession guest = cluster.session("guest", "127.0.0.1")) {
            for (String sql : List.of("ADMIN SHOW FRONTEND CONFIG",
                    "ADMIN SET FRONTEND CONFIG ('disable_balance' = 'true')")) {
                TesseraException denied = failure(guest, sql);
                assertThat(denied.code()).as(sql).isEqualTo(ErrorCode.SPECIFIC_ACCESS_DENIED);
                assertThat(denied.getMessage()).as(sql).isEqualTo(
                        "Access denied; you need (at least one of) the (ADMIN) privilege(s) for this operation");
            }
        }
        try (ClusterSession admin = cluster.session("admin", "127.0.0.1")) {
            assertThat(admin.query("SHOW FRONTEND CONFIG LIKE 'disable_balance'").rows()).hasSize(1);
        }
    }
}
