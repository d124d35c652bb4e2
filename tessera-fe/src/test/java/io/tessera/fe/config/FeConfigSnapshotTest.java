package io.tessera.fe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.journal.SnapshotConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeConfigSnapshotTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void defaultsAreDorisFiftyThousandRecordsAndSixtySeconds() {
        FeConfig config = FeConfig.from(Map.of(), Path.of("/fe"), warnings::add);

        assertThat(config.snapshots()).isEqualTo(new SnapshotConfig(50_000, 60_000, 32L * 1024 * 1024));
        assertThat(config.snapshots()).isEqualTo(SnapshotConfig.defaults());
    }

    @Test
    void readsDorisKeysWithoutWarnings() {
        FeConfig config = FeConfig.from(Map.of("edit_log_roll_num", "1000", "checkpoint_interval_second", "300"),
                Path.of("/fe"), warnings::add);

        assertThat(config.snapshots().recordsPerSnapshot()).isEqualTo(1000);
        assertThat(config.snapshots().intervalMs()).isEqualTo(300_000);
        assertThat(warnings).isEmpty();
    }

    @Test
    void refusesValuesBelowOneNamingTheKey() {
        assertThatThrownBy(() -> FeConfig.from(Map.of("edit_log_roll_num", "0"), Path.of("/fe"), warnings::add))
                .hasMessage("config edit_log_roll_num = 0 must be at least 1");
        assertThatThrownBy(() -> FeConfig.from(Map.of("checkpoint_interval_second", "soon"), Path.of("/fe"),
                warnings::add)).hasMessageContaining("checkpoint_interval_second");
    }
}
