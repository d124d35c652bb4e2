package io.tessera.fe.mysql;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * TLS on the MySQL port, from Doris's fe.conf keys: {@code enable_ssl} (Doris's documentation gives
 * {@code true}; Tessera's default is {@code false}, and Tessera ships no default certificates),
 * {@code ssl_force_client_auth}, {@code mysql_ssl_default_server_certificate} (a key store holding the
 * server's private key and certificate chain) and {@code mysql_ssl_default_ca_certificate} (the store
 * whose certificates a client certificate must chain to), their {@code _password} keys, and
 * {@code ssl_trust_store_type}, the type of both stores ({@code PKCS12}, as in Doris). Relative paths
 * are under the FE's home, where Doris puts its {@code mysql_ssl_default_certificate/} folder. Beyond
 * Doris, {@code require_secure_transport} (MySQL's name, false) refuses logins that did not start TLS.
 *
 * <p>Immutable.
 *
 * @param enabled                   {@code enable_ssl}: offer CLIENT_SSL in the handshake
 * @param forceClientAuth           {@code ssl_force_client_auth}: a client must present a certificate
 * @param serverCertificate         {@code mysql_ssl_default_server_certificate}
 * @param serverCertificatePassword {@code mysql_ssl_default_server_certificate_password}
 * @param caCertificate             {@code mysql_ssl_default_ca_certificate}
 * @param caCertificatePassword     {@code mysql_ssl_default_ca_certificate_password}
 * @param storeType                 {@code ssl_trust_store_type}
 * @param requireSecureTransport    {@code require_secure_transport}: a client that does not send an
 *                                  SSLRequest is refused with MySQL's error 3159
 */
public record MysqlTlsSettings(boolean enabled, boolean forceClientAuth, Path serverCertificate,
                               String serverCertificatePassword, Path caCertificate, String caCertificatePassword,
                               String storeType, boolean requireSecureTransport) {
    public static final String DEFAULT_SERVER_CERTIFICATE = "mysql_ssl_default_certificate/server_certificate.p12";
    public static final String DEFAULT_CA_CERTIFICATE = "mysql_ssl_default_certificate/ca_certificate.p12";
    /** Doris's default password of both stores. */
    public static final String DEFAULT_PASSWORD = "doris";
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    public MysqlTlsSettings {
        Objects.requireNonNull(serverCertificate, "serverCertificate is null");
        Objects.requireNonNull(serverCertificatePassword, "serverCertificatePassword is null");
        Objects.requireNonNull(caCertificate, "caCertificate is null");
        Objects.requireNonNull(caCertificatePassword, "caCertificatePassword is null");
        Objects.requireNonNull(storeType, "storeType is null");
        if (requireSecureTransport && !enabled) {
            throw new IllegalArgumentException("require_secure_transport = true needs enable_ssl = true");
        }
    }

    /** TLS off: what an FE without these keys runs with. */
    public static MysqlTlsSettings disabled(Path home) {
        return fromConfig(Map.of(), home);
    }

    /**
     * The settings fe.conf gives (canonical texts of the keys, as {@code FeConfig.fileValues()} holds
     * them), defaults for the others; relative paths resolved against {@code home}.
     */
    public static MysqlTlsSettings fromConfig(Map<String, String> values, Path home) {
        return new MysqlTlsSettings(
                Boolean.parseBoolean(values.getOrDefault("enable_ssl", "false").trim()),
                Boolean.parseBoolean(values.getOrDefault("ssl_force_client_auth", "false").trim()),
                home.resolve(values.getOrDefault("mysql_ssl_default_server_certificate", DEFAULT_SERVER_CERTIFICATE)
                        .trim()),
                values.getOrDefault("mysql_ssl_default_server_certificate_password", DEFAULT_PASSWORD),
                home.resolve(values.getOrDefault("mysql_ssl_default_ca_certificate", DEFAULT_CA_CERTIFICATE).trim()),
                values.getOrDefault("mysql_ssl_default_ca_certificate_password", DEFAULT_PASSWORD),
                values.getOrDefault("ssl_trust_store_type", DEFAULT_STORE_TYPE).trim(),
                Boolean.parseBoolean(values.getOrDefault("require_secure_transport", "false").trim()));
    }
}
