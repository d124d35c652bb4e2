package io.tessera.fe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.ddl.TabletCreateTimeouts;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SetFrontendConfigRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FE config in force: Doris's checks, precedence over fe.conf, journal and snapshot replay. */
class RuntimeConfigStateTest {

    @Test
    void theSchedulerAndDecommissionKeysHaveDorisDefaults() {
        RuntimeConfig defaults = new RuntimeConfigState(Map.of()).current();

        assertThat(defaults).isEqualTo(RuntimeConfig.DEFAULTS);
        assertThat(defaults.tabletRepairDelayFactorSeconds()).isEqualTo(60);
        assertThat(defaults.disableBalance()).isFalse();
        assertThat(defaults.disableTabletScheduler()).isFalse();
        assertThat(defaults.storageHighWatermarkUsagePercent()).isEqualTo(85);
        assertThat(defaults.storageMinLeftCapacityBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(defaults.storageFloodStageUsagePercent()).isEqualTo(95);
        assertThat(defaults.storageFloodStageLeftCapacityBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(defaults.dropBackendAfterDecommission()).isTrue();
        assertThat(defaults.scheduleSlotsPerHddPath()).isEqualTo(4);
        assertThat(defaults.scheduleBatchSize()).isEqualTo(50);
        assertThat(defaults.minCloneTaskTimeoutSeconds()).isEqualTo(180);
        assertThat(defaults.maxCloneTaskTimeoutSeconds()).isEqualTo(7200);
        assertThat(defaults.balanceLoadScoreThreshold()).isEqualTo(0.1);
        assertThat(defaults.decommissionSkipLeakyTabletSeconds()).isEqualTo(18_000);
    }

    @Test
    void feConfValuesReachTheSchedulerAndAreCheckedAtStart() {
        List<String> warnings = new ArrayList<>();
        FeConfig config = FeConfig.from(Map.of("disable_balance", "TRUE", "schedule_batch_size", " 20 ",
                "JAVA_OPTS", "-Xmx1g"), Path.of("/fe"), warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(config.fileValues()).containsExactlyInAnyOrderEntriesOf(
                Map.of("disable_balance", "true", "schedule_batch_size", "20"));
        RuntimeConfig runtime = new RuntimeConfigState(config.fileValues()).current();
        assertThat(runtime.disableBalance()).isTrue();
        assertThat(runtime.scheduleBatchSize()).isEqualTo(20);

        assertThatThrownBy(() -> FeConfig.from(Map.of("disable_balance", "yes"), Path.of("/fe"), warnings::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config disable_balance = yes cannot be used (boolean): type mismatch");
        assertThatThrownBy(() -> FeConfig.from(Map.of("tablet_create_timeout_second", "0"), Path.of("/fe"),
                warnings::add))
                .hasMessage("config tablet_create_timeout_second = 0 cannot be used (int): 0 is less than the minimum 1");
    }

    @Test
    void setIsCheckedWithDorisTexts() {
        assertThat(RuntimeConfigState.setRecord(Map.of("disable_balance", "True")))
                .isEqualTo(SetFrontendConfigRecord.newBuilder().setKey("disable_balance").setValue("true").build());
        assertRefused(Map.of("no_such_key", "1"), "Config 'no_such_key' does not exist");
        assertRefused(Map.of("query_port", "9031"), "Config 'query_port' is not mutable");
        assertRefused(Map.of("schedule_batch_size", "abc"),
                "Failed to set config 'schedule_batch_size'. err: For input string: \"abc\"");
        assertRefused(Map.of("disable_balance", "yes"), "Failed to set config 'disable_balance'. err: type mismatch");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("disable_balance", "true");
        two.put("schedule_batch_size", "20");
        assertRefused(two, "config parameter size is not equal to 1");
        assertRefused(Map.of(), "config parameter size is not equal to 1");
    }

    @Test
    void createTableTimeoutsAreMutableAsInDorisAndMustStayPositive() {
        assertRefused(Map.of("tablet_create_timeout_second", "0"),
                "Failed to set config 'tablet_create_timeout_second'. err: 0 is less than the minimum 1");
        RuntimeConfigState state = new RuntimeConfigState(Map.of("max_create_table_timeout_second", "600"));
        assertThat(state.current().tabletCreateTimeouts()).isEqualTo(new TabletCreateTimeouts(2, 30, 600));

        new ReplayDispatcher(List.of(state)).replay(batch(JournalRecord.newBuilder()
                .setSetFrontendConfig(RuntimeConfigState.setRecord(Map.of("tablet_create_timeout_second", "5")))
                .build()));

        assertThat(state.current().tabletCreateTimeouts()).isEqualTo(new TabletCreateTimeouts(5, 30, 600));
        assertThat(state.current().tabletCreateTimeouts().timeoutMs(100)).isEqualTo(500_000);
    }

    @Test
    void aJournaledValueBeatsFeConfWhichBeatsTheDefault() {
        RuntimeConfigState state = new RuntimeConfigState(Map.of("schedule_batch_size", "20",
                "disable_balance", "true"));
        ReplayDispatcher dispatcher = new ReplayDispatcher(List.of(state));

        dispatcher.replay(batch(set("schedule_batch_size", "30"), set("disable_balance", "true")));

        assertThat(state.current().scheduleBatchSize()).isEqualTo(30);
        assertThat(state.current().disableBalance()).isTrue();
        assertThat(state.current().scheduleSlotsPerHddPath()).isEqualTo(4);
        assertThat(value(state, "schedule_batch_size")).isEqualTo("30");
        assertThat(value(state, "schedule_slot_num_per_hdd_path")).isEqualTo("4");
        // Only the journaled value that differs from fe.conf's is named at start.
        assertThat(state.logOverrides()).containsExactly("FE config 'schedule_batch_size' is 30 as set by ADMIN"
                + " SET FRONTEND CONFIG (journaled); it overrides fe.conf's 20");
    }

    @Test
    void setValuesSurviveARestartThroughTheJournalAndThroughASnapshot() {
        RuntimeConfigState before = new RuntimeConfigState(Map.of());
        ReplayDispatcher running = new ReplayDispatcher(List.of(before));
        JournalBatch journal = batch(set("disable_tablet_scheduler", "true"), set("max_clone_task_timeout_sec", "900"),
                set("max_clone_task_timeout_sec", "1200"));
        running.replay(journal);

        // A restart that replays the journal.
        RuntimeConfigState replayed = new RuntimeConfigState(Map.of());
        new ReplayDispatcher(List.of(replayed)).replay(journal);
        assertThat(replayed.current()).isEqualTo(before.current());
        assertThat(replayed.current().maxCloneTaskTimeoutSeconds()).isEqualTo(1200);

        // A restart that loads a snapshot.
        List<SnapshotRecord> file = new ArrayList<>();
        running.capture().forEachRecord(file::add);
        assertThat(file).hasSize(2);
        RuntimeConfigState loaded = new RuntimeConfigState(Map.of("max_clone_task_timeout_sec", "600"));
        new ReplayDispatcher(List.of(loaded)).replaySnapshot(file);
        assertThat(loaded.current()).isEqualTo(before.current());
        assertThat(loaded.logOverrides()).containsExactly(
                "FE config 'disable_tablet_scheduler' is true as set by ADMIN SET FRONTEND CONFIG (journaled);"
                        + " it overrides the default false",
                "FE config 'max_clone_task_timeout_sec' is 1200 as set by ADMIN SET FRONTEND CONFIG (journaled);"
                        + " it overrides fe.conf's 600");
    }

    @Test
    void aJournaledKeyThisVersionCannotUseIsSkipped() {
        RuntimeConfigState state = new RuntimeConfigState(Map.of());
        new ReplayDispatcher(List.of(state)).replay(batch(set("gone_in_this_version", "1"), set("query_port", "1"),
                set("schedule_batch_size", "many"), set("min_create_table_timeout_second", "-1")));

        assertThat(state.current()).isEqualTo(RuntimeConfig.DEFAULTS);
        assertThat(state.logOverrides()).isEmpty();
    }

    @Test
    void everyKeyIsShownSortedWithItsTypeAndFlags() {
        List<ConfigEntry> entries = new RuntimeConfigState(Map.of("query_port", "9031")).entries();

        assertThat(entries).extracting(entry -> entry.key().name()).isSorted();
        assertThat(entries).contains(
                new ConfigEntry(ConfigKeys.find("query_port").orElseThrow(), "9031"),
                new ConfigEntry(new ConfigKey("disable_balance", ConfigType.BOOLEAN, "false", true, true, ""),
                        "false"),
                new ConfigEntry(new ConfigKey("balance_load_score_threshold", ConfigType.DOUBLE, "0.1", true,
                        true, ""), "0.1"));
        assertThat(ConfigKeys.find("query_port").orElseThrow().mutable()).isFalse();
    }

    private static String value(RuntimeConfigState state, String key) {
        return state.entries().stream().filter(entry -> entry.key().name().equals(key)).findFirst().orElseThrow()
                .value();
    }

    private static void assertRefused(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> RuntimeConfigState.setRecord(properties))
                .isInstanceOf(TesseraException.class)
                .hasMessage(message);
    }

    private static JournalRecord set(String key, String value) {
        return JournalRecord.newBuilder().setSetFrontendConfig(
                SetFrontendConfigRecord.newBuilder().setKey(key).setValue(value)).build();
    }

    private static JournalBatch batch(JournalRecord... records) {
        return JournalBatch.newBuilder().addAllRecords(List.of(records)).build();
    }
}
