package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.config.ConfigKey;
import io.tessera.fe.config.ConfigKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionLimitsDefaultsTest {
    @Test
    void theConfigKeysDefaultsAreTheLimitsDefaults() {
        Map<String, String> defaults = Map.of(
                "qe_max_connection", defaultOf("qe_max_connection"),
                "max_user_connections", defaultOf("max_user_connections"),
                "max_unauthenticated_connections", defaultOf("max_unauthenticated_connections"),
                "login_timeout_second", defaultOf("login_timeout_second"));
        assertThat(ConnectionLimits.fromConfig(defaults)).isEqualTo(ConnectionLimits.defaults());
        assertThat(ConnectionLimits.fromConfig(Map.of())).isEqualTo(ConnectionLimits.defaults());
        assertThat(ConnectionLimits.defaults().maxConnections()).isEqualTo(1024);
        assertThat(ConnectionLimits.defaults().maxUserConnections()).isEqualTo(100);
        assertThat(ConnectionLimits.defaults().loginTimeoutMs()).isEqualTo(10_000);
    }

    @Test
    void readsFeConfValues() {
        ConnectionLimits limits = ConnectionLimits.fromConfig(Map.of("qe_max_connection", "8",
                "max_user_connections", "3", "max_unauthenticated_connections", "50", "login_timeout_second", "2"));
        assertThat(limits.maxConnections()).isEqualTo(8);
        assertThat(limits.maxUserConnections()).isEqualTo(3);
        assertThat(limits.maxUnauthenticatedConnections()).isEqualTo(50);
        assertThat(limits.loginTimeoutMs()).isEqualTo(2_000);
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThatThrownBy(() -> new ConnectionLimits(0, 1, 1, 1, 1)).hasMessageContaining("qe_max_connection");
        assertThat(ConfigKeys.find("qe_max_connection").orElseThrow().minimumValue()).isEqualTo(1);
    }

    private static String defaultOf(String key) {
        return ConfigKeys.find(key).map(ConfigKey::defaultValue).orElseThrow();
    }
}
