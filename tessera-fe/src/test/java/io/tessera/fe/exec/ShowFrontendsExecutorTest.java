package io.tessera.fe.exec;

import static io.tessera.fe.testing.ResultRows.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ManualClock;
import io.tessera.fe.result.ResultSet;
import io.tessera.fe.sql.ast.ShowFrontendsStatement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShowFrontendsExecutorTest {
    private final ManualClock clock = new ManualClock(1_700_000_060_000L);
    private final AtomicLong applied = new AtomicLong(41);
    private final FrontendSelf self = new FrontendSelf(FrontendSelf.nodeName(123, "127.0.0.9", 9010), "127.0.0.9",
            9010, 8030, 9030, 9020, -1, 123, 1_700_000_000_000L, "0.1.0");
    private final ShowFrontendsExecutor executor = new ShowFrontendsExecutor(() -> self, applied::get, clock,
            ZoneOffset.UTC);

    @Test
    void showsThisFrontendInDorisColumns() {
        ResultSet result = executor.show(new ShowFrontendsStatement(null));
        assertThat(result.columns()).extracting(c -> c.name()).containsExactlyElementsOf(ShowFrontendsExecutor.TITLES);
        List<Map<String, String>> rows = maps(result);
        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row.get("Name")).matches("fe_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}");
        assertThat(row).containsEntry("Host", "127.0.0.9").containsEntry("EditLogPort", "9010")
                .containsEntry("HttpPort", "8030").containsEntry("QueryPort", "9030").containsEntry("RpcPort", "9020")
                .containsEntry("ArrowFlightSqlPort", "-1").containsEntry("Role", "FOLLOWER")
                .containsEntry("IsMaster", "true").containsEntry("ClusterId", "123").containsEntry("Join", "true")
                .containsEntry("Alive", "true").containsEntry("ReplayedJournalId", "41")
                .containsEntry("LastStartTime", "2023-11-14 22:13:20")
                .containsEntry("LastHeartbeat", "2023-11-14 22:14:20").containsEntry("IsHelper", "true")
                .containsEntry("ErrMsg", "").containsEntry("Version", "0.1.0")
                .containsEntry("CurrentConnected", "Yes");
        applied.set(42);
        assertThat(maps(executor.show(new ShowFrontendsStatement(null))).get(0))
                .containsEntry("ReplayedJournalId", "42");
    }

    @Test
    void theNodeNameSurvivesARestartAndDiffersPerNode() {
        assertThat(FrontendSelf.nodeName(123, "127.0.0.9", 9010)).isEqualTo(FrontendSelf.nodeName(123, "127.0.0.9",
                9010));
        assertThat(FrontendSelf.nodeName(123, "127.0.0.9", 9010)).isNotEqualTo(FrontendSelf.nodeName(123,
                "127.0.0.8", 9010));
    }

    @Test
    void anExtraWordOtherThanDisksIsRefusedAsDorisDoes() {
        assertThatThrownBy(() -> executor.show(new ShowFrontendsStatement("nodes")))
                .hasMessage("Show frontends with extra info only support show frontends disks");
        assertThatThrownBy(() -> executor.show(new ShowFrontendsStatement("DISKS")))
                .hasMessage("SHOW FRONTENDS DISKS is not supported yet");
    }
}
