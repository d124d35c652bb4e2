package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CleanTrashRequest;
import io.tessera.proto.frontend.AbortLoadRequest;
import io.tessera.proto.frontend.LoadServiceGrpc;
import io.tessera.testkit.TestCertificates;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS on real processes, one cluster for the class (an FE and one BE on 127.0.81.1) with both kinds
 * on: {@code enable_ssl} on the MySQL port (PKCS12 stores, as Doris reads them) and {@code enable_tls}
 * with {@code verify_fail_if_no_peer_cert} on every gRPC port and channel (PEM files). Certificates are
 * made at test time by a test CA. The cluster creates a table, loads and reads it (heartbeats, tablet
 * creation, writes, scans and reports all over mutual TLS); the mariadb CLI with {@code --ssl} and
 * server verification, Connector/J with {@code sslMode=REQUIRED} and {@code VERIFY_CA} and MariaDB
 * Connector/J with {@code sslMode=verify-ca} query it; plaintext MySQL clients still connect; a
 * plaintext gRPC call to the BE's and the FE's ports is refused.
 */
class TlsTest {
    private static final String PASSWORD = "tessera-test";
    private static final int BE_PORT = 9060;
    private static final int FE_RPC_PORT = 9020;
    private static final String COUNT = "SELECT count(*) AS n, sum(v) AS s FROM tls.t";

    private static Path certificates;
    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static String host;
    private static Path caPem;
    private static Path trustStore;

    @BeforeAll
    static void up() throws Exception {
        certificates = Files.createTempDirectory("tessera-tls-");
        TestCertificates ca = new TestCertificates();
        host = TestAddresses.TLS_PREFIX + ".1";
        TestCertificates.Leaf node = ca.leaf("tessera-node", host, TestAddresses.TLS_PREFIX + ".2");
        ca.writeStore(certificates.resolve("server_certificate.p12"), PASSWORD, node);
        ca.writeCaStore(certificates.resolve("ca_certificate.p12"), PASSWORD);
        ca.writePem(certificates.resolve("node.pem"), certificates.resolve("node.key"), node);
        caPem = certificates.resolve("ca.pem");
        ca.writeCaPem(caPem);
        trustStore = certificates.resolve("truststore.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.ca());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        fixture = ClusterFixture.start(TestAddresses.TLS_PREFIX, 1, ClusterFixture.FE_JVM, ClusterFixture.BE_JVM,
                Map.ofEntries(
                        Map.entry("enable_ssl", "true"),
                        Map.entry("mysql_ssl_default_server_certificate",
                                certificates.resolve("server_certificate.p12").toString()),
                        Map.entry("mysql_ssl_default_server_certificate_password", PASSWORD),
                        Map.entry("mysql_ssl_default_ca_certificate",
                                certificates.resolve("ca_certificate.p12").toString()),
                        Map.entry("mysql_ssl_default_ca_certificate_password", PASSWORD),
                        Map.entry("enable_tls", "true"),
                        Map.entry("tls_certificate_path", certificates.resolve("node.pem").toString()),
                        Map.entry("tls_private_key_path", certificates.resolve("node.key").toString()),
                        Map.entry("tls_ca_certificate_path", caPem.toString()),
                        Map.entry("tls_verify_mode", "verify_fail_if_no_peer_cert")));
        client = fixture.client();
        client.execute("CREATE DATABASE tls");
        client.execute("CREATE TABLE tls.t (k INT, v INT) DISTRIBUTED BY HASH(k) BUCKETS 2 "
                + "PROPERTIES ('replication_num' = '1')");
        client.execute("INSERT INTO tls.t VALUES (1, 10), (2, 20), (3, 30)");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (certificates != null) {
            ClusterFixture.deleteTree(certificates);
        }
    }

    @Test
    void theClusterWorksOverMutualTls() throws Exception {
        assertThat(client.rows(COUNT)).containsExactly(Map.of("n", "3", "s", "60"));
        assertThat(client.rows("SHOW BACKENDS").get(0)).containsEntry("Alive", "true");
    }

    @Test
    void mariadbCliVerifiesTheServerAndShowsTheCipher() throws Exception {
        Process process = new ProcessBuilder("mariadb", "--no-defaults", "-h" + host,
                "-P" + ClusterLayout.QUERY_PORT, "-uroot", "--connect-timeout=10", "--ssl", "--ssl-ca=" + caPem,
                "--ssl-verify-server-cert", "--batch")
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((COUNT + ";\n\\s\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("n\ts\n3\t60\n").containsPattern("SSL:\\s+Cipher in use is TLS_");
    }

    @Test
    void jdbcDriversConnectOverTls() throws Exception {
        String mysql = "jdbc:mysql://" + host + ":" + ClusterLayout.QUERY_PORT
                + "/?user=root&password=&connectTimeout=10000";
        List<String> urls = List.of(
                mysql + "&sslMode=REQUIRED",
                mysql + "&sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + trustStore.toUri()
                        + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=" + PASSWORD,
                "jdbc:mariadb://" + host + ":" + ClusterLayout.QUERY_PORT
                        + "/?user=root&password=&connectTimeout=10000&sslMode=verify-ca&serverSslCert=" + caPem);
        for (String url : urls) {
            assertThat(count(url)).as(url).isEqualTo(3);
        }
    }

    @Test
    void plaintextMysqlClientsStillConnect() throws Exception {
        assertThat(count("jdbc:mysql://" + host + ":" + ClusterLayout.QUERY_PORT
                + "/?user=root&password=&connectTimeout=10000&sslMode=DISABLED")).isEqualTo(3);
        Process process = new ProcessBuilder("mariadb", "--no-defaults", "-h" + host, "-P" + ClusterLayout.QUERY_PORT,
                "-uroot", "--connect-timeout=10", "--skip-ssl", "--batch", "-e", COUNT)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("n\ts\n3\t60\n");
    }

    @Test
    void plaintextGrpcCallsAreRefused() throws Exception {
        ManagedChannel backend = NettyChannelBuilder.forAddress(host, BE_PORT).usePlaintext().build();
        ManagedChannel frontend = NettyChannelBuilder.forAddress(host, FE_RPC_PORT).usePlaintext().build();
        try {
            assertThatThrownBy(() -> BackendServiceGrpc.newBlockingStub(backend)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).cleanTrash(CleanTrashRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThatThrownBy(() -> LoadServiceGrpc.newBlockingStub(frontend)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).abortLoad(AbortLoadRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            backend.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            frontend.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(client.rows(COUNT)).containsExactly(Map.of("n", "3", "s", "60"));
    }

    @Test
    void passwordsAreMaskedInShowFrontendConfig() throws Exception {
        assertThat(client.rows("SHOW FRONTEND CONFIG LIKE 'mysql_ssl_default_%_password'"))
                .extracting(row -> row.get("Value")).containsExactly("******", "******");
        assertThat(client.rows("SHOW FRONTEND CONFIG LIKE 'enable_%s%'"))
                .extracting(row -> row.get("Key") + "=" + row.get("Value"))
                .contains("enable_ssl=true", "enable_tls=true");
    }

    private static long count(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(COUNT)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong("n");
        }
    }
}
