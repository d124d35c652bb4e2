package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalTlsSettingsTest {
    @TempDir
    Path home;

    @Test
    void offByDefaultWithDorisVerifyMode() {
        InternalTlsSettings settings = InternalTlsSettings.fromConfig(Map.of(), home);
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.verifyMode()).isEqualTo(InternalTlsSettings.VerifyMode.VERIFY_PEER);
        assertThat(NettyGrpcTransport.of(settings).tls()).isFalse();
    }

    @Test
    void readsTheKeysWithPathsUnderTheHome() {
        InternalTlsSettings settings = InternalTlsSettings.fromConfig(Map.of("enable_tls", "true",
                "tls_certificate_path", "conf/node.pem", "tls_private_key_path", "/etc/tls/node.key",
                "tls_ca_certificate_path", "conf/ca.pem", "tls_verify_mode", "VERIFY_FAIL_IF_NO_PEER_CERT"), home);
        assertThat(settings).isEqualTo(new InternalTlsSettings(true, home.resolve("conf/node.pem"),
                Path.of("/etc/tls/node.key"), "", Optional.of(home.resolve("conf/ca.pem")),
                InternalTlsSettings.VerifyMode.VERIFY_FAIL_IF_NO_PEER_CERT));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> InternalTlsSettings.fromConfig(Map.of("enable_tls", "yes"), home))
                .hasMessage("config enable_tls = 'yes' is not true or false");
        assertThatThrownBy(() -> InternalTlsSettings.fromConfig(Map.of("tls_verify_mode", "strict"), home))
                .hasMessage("config tls_verify_mode = 'strict' is not one of verify_none, verify_peer,"
                        + " verify_fail_if_no_peer_cert");
        assertThatThrownBy(() -> InternalTlsSettings.fromConfig(Map.of("enable_tls", "true"), home))
                .hasMessage("enable_tls = true needs tls_certificate_path and tls_private_key_path");
        assertThatThrownBy(() -> InternalTlsSettings.fromConfig(Map.of("enable_tls", "true", "tls_certificate_path",
                "node.pem", "tls_private_key_path", "node.key", "tls_verify_mode", "verify_fail_if_no_peer_cert"), home))
                .hasMessage("tls_verify_mode = verify_fail_if_no_peer_cert needs tls_ca_certificate_path: the "
                        + "cluster's own CA, which peers' certificates must chain to");
    }

    @Test
    void filesThatCannotBeUsedStopTheStartWithOneLine() throws Exception {
        Map<String, String> values = Map.of("enable_tls", "true", "tls_certificate_path", "node.pem",
                "tls_private_key_path", "node.key");
        InternalTlsSettings settings = InternalTlsSettings.fromConfig(values, home);
        assertThatThrownBy(() -> NettyGrpcTransport.of(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enable_tls: tls_certificate_path " + home.resolve("node.pem")
                        + " does not exist or cannot be read");
        Files.writeString(home.resolve("node.pem"), "not a certificate\n");
        Files.writeString(home.resolve("node.key"), "not a key\n");
        assertThatThrownBy(() -> NettyGrpcTransport.of(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("enable_tls: cannot read tls_certificate_path " + home.resolve("node.pem")
                        + " and tls_private_key_path " + home.resolve("node.key") + " as PEM: ")
                .hasMessageNotContaining("\n");
    }
}
