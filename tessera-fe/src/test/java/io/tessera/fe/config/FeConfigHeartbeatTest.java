package io.tessera.fe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.heartbeat.HeartbeatConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeConfigHeartbeatTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void defaultsAreOneSecondTwoSecondsAndOneFailure() {
        FeConfig config = FeConfig.from(Map.of(), Path.of("/fe"), warnings::add);

        assertThat(config.heartbeat()).isEqualTo(new HeartbeatConfig(1_000, 2_000, 1));
        assertThat(config.heartbeat()).isEqualTo(HeartbeatConfig.defaults());
    }

    @Test
    void readsDorisKeysWithoutWarnings() {
        FeConfig config = FeConfig.from(Map.of("heartbeat_interval_second", "5", "heartbeat_timeout_second", " 7 ",
                "max_backend_heartbeat_failure_tolerance_count", "3"), Path.of("/fe"), warnings::add);

        assertThat(config.heartbeat()).isEqualTo(new HeartbeatConfig(5_000, 7_000, 3));
        assertThat(warnings).isEmpty();
    }

    @Test
    void refusesValuesBelowOneNamingTheKey() {
        assertThatThrownBy(() -> FeConfig.from(Map.of("heartbeat_interval_second", "0"), Path.of("/fe"),
                warnings::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config heartbeat_interval_second = 0 must be at least 1");
        assertThatThrownBy(() -> FeConfig.from(Map.of("max_backend_heartbeat_failure_tolerance_count", "x"),
                Path.of("/fe"), warnings::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_backend_heartbeat_failure_tolerance_count");
    }
}
