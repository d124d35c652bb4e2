package io.tessera.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the internal gRPC ports ({@code rpc_port}, {@code heartbeat_service_port}, {@code be_port}),
 * on both sides of every call, from the same keys in fe.conf and be.conf. The names are those of
 * Doris's TLS framework: {@code enable_tls} (false), {@code tls_certificate_path} and
 * {@code tls_private_key_path} (PEM: the node's certificate chain and its PKCS#8 key, used as server
 * and as client), {@code tls_private_key_password} (for an encrypted key; empty: none),
 * {@code tls_ca_certificate_path} (PEM: the CA bundle peers are checked against; empty: the JDK's
 * default trust store) and {@code tls_verify_mode} ({@code verify_peer}). Relative paths are under the
 * node's home.
 *
 * <p>Immutable.
 *
 * @param enabled            {@code enable_tls}
 * @param certificate        {@code tls_certificate_path}
 * @param privateKey         {@code tls_private_key_path}
 * @param privateKeyPassword {@code tls_private_key_password}; empty when the key is not encrypted
 * @param caCertificate      {@code tls_ca_certificate_path}, or empty for the JDK's trust store
 * @param verifyMode         {@code tls_verify_mode}
 */
public record InternalTlsSettings(boolean enabled, Path certificate, Path privateKey, String privateKeyPassword,
                                  Optional<Path> caCertificate, VerifyMode verifyMode) {
    /** Doris's {@code tls_verify_mode} values. */
    public enum VerifyMode {
        /** Neither side checks the other's certificate: encryption only. */
        VERIFY_NONE,
        /** A client checks the server's certificate (chain and name); a server asks for none. */
        VERIFY_PEER,
        /** As VERIFY_PEER, and a server refuses a client without a certificate its CA signed (mTLS). */
        VERIFY_FAIL_IF_NO_PEER_CERT;

        /** Doris's spelling. */
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static VerifyMode parse(String text) {
            for (VerifyMode mode : values()) {
                if (mode.configValue().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("config tls_verify_mode = '" + text
                    + "' is not one of verify_none, verify_peer, verify_fail_if_no_peer_cert");
        }
    }

    public static final String DEFAULT_VERIFY_MODE = "verify_peer";

    public InternalTlsSettings {
        Objects.requireNonNull(privateKeyPassword, "privateKeyPassword is null");
        Objects.requireNonNull(caCertificate, "caCertificate is null");
        Objects.requireNonNull(verifyMode, "verifyMode is null");
        if (enabled && (certificate == null || privateKey == null)) {
            throw new IllegalArgumentException("enable_tls = true needs tls_certificate_path and tls_private_key_path");
        }
        if (enabled && verifyMode == VerifyMode.VERIFY_FAIL_IF_NO_PEER_CERT && caCertificate.isEmpty()) {
            // Against the JDK's public CAs, any certificate a public CA signed would pass as a member.
            throw new IllegalArgumentException("tls_verify_mode = verify_fail_if_no_peer_cert needs "
                    + "tls_ca_certificate_path: the cluster's own CA, which peers' certificates must chain to");
        }
    }

    /** Plaintext, as every node runs unless told otherwise. */
    public static InternalTlsSettings disabled() {
        return new InternalTlsSettings(false, null, null, "", Optional.empty(), VerifyMode.VERIFY_PEER);
    }

    /**
     * The settings a node's conf file gives; defaults for the others.
     *
     * @throws IllegalArgumentException naming the key for a value that cannot be used
     */
    public static InternalTlsSettings fromConfig(Map<String, String> values, Path home) {
        boolean enabled = bool(values, "enable_tls");
        VerifyMode mode = VerifyMode.parse(values.getOrDefault("tls_verify_mode", DEFAULT_VERIFY_MODE));
        if (!enabled) {
            return new InternalTlsSettings(false, null, null, "", Optional.empty(), mode);
        }
        return new InternalTlsSettings(true, path(values, "tls_certificate_path", home),
                path(values, "tls_private_key_path", home), values.getOrDefault("tls_private_key_password", ""),
                Optional.ofNullable(path(values, "tls_ca_certificate_path", home)), mode);
    }

    private static Path path(Map<String, String> values, String key, Path home) {
        String text = values.getOrDefault(key, "").strip();
        return text.isEmpty() ? null : home.resolve(text);
    }

    private static boolean bool(Map<String, String> values, String key) {
        String text = values.getOrDefault(key, "false").strip();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("config " + key + " = '" + text + "' is not true or false");
    }
}
