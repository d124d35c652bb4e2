package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tessera.common.Clock;
import io.tessera.fe.config.ConfigKey;
import io.tessera.fe.config.ConfigKeys;
import io.tessera.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL port with {@code enable_ssl}: the handshake offers CLIENT_SSL, an SSLRequest turns the
 * connection into TLS and the login continues encrypted, a client that does not ask logs in as before,
 * garbage after an SSLRequest closes only its connection, and stores that cannot be read stop the start.
 */
class MysqlTlsTest {
    private static final String PASSWORD = "secret";

    @TempDir
    Path directory;

    private final FakeSessionFactory sessions = new FakeSessionFactory();
    private TestCertificates certificates;
    private MysqlTlsSettings settings;
    private MysqlServer server;

    @BeforeEach
    void writeStores() throws Exception {
        certificates = new TestCertificates();
        certificates.writeStore(directory.resolve("server.p12"), PASSWORD,
                certificates.leaf("tessera-fe", "127.0.0.1"));
        certificates.writeCaStore(directory.resolve("ca.p12"), PASSWORD);
        settings = MysqlTlsSettings.fromConfig(Map.of("enable_ssl", "true",
                "mysql_ssl_default_server_certificate", "server.p12",
                "mysql_ssl_default_server_certificate_password", PASSWORD,
                "mysql_ssl_default_ca_certificate", "ca.p12",
                "mysql_ssl_default_ca_certificate_password", PASSWORD), directory);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        assertThat(sessions.violations).isEmpty();
    }

    private void startServer() {
        server = new MysqlServer(InetAddress.getLoopbackAddress(), 0, new FakeAuthenticator(), sessions, 1 << 20,
                Clock.system(), ConnectionLimits.defaults(), MysqlTls.load(settings));
        server.start();
    }

    @Test
    void defaultsAreDorisKeysWithTlsOff() {
        MysqlTlsSettings defaults = MysqlTlsSettings.disabled(directory);
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.serverCertificate())
                .isEqualTo(directory.resolve("mysql_ssl_default_certificate/server_certificate.p12"));
        assertThat(defaults.caCertificate())
                .isEqualTo(directory.resolve("mysql_ssl_default_certificate/ca_certificate.p12"));
        assertThat(defaults.serverCertificatePassword()).isEqualTo("doris");
        assertThat(defaults.caCertificatePassword()).isEqualTo("doris");
        assertThat(defaults.storeType()).isEqualTo("PKCS12");
        assertThat(MysqlTls.load(defaults)).isEmpty();
        Map<String, String> keyDefaults = new HashMap<>();
        for (String key : new String[] {"enable_ssl", "ssl_force_client_auth", "mysql_ssl_default_server_certificate",
                "mysql_ssl_default_server_certificate_password", "mysql_ssl_default_ca_certificate",
                "mysql_ssl_default_ca_certificate_password", "ssl_trust_store_type", "require_secure_transport"}) {
            keyDefaults.put(key, ConfigKeys.find(key).map(ConfigKey::defaultValue).orElseThrow());
        }
        assertThat(MysqlTlsSettings.fromConfig(keyDefaults, directory)).isEqualTo(defaults);
    }

    @Test
    void missingStoreIsOneLineNamingKeyAndFile() {
        Map<String, String> values = new HashMap<>(Map.of("enable_ssl", "true"));
        assertThatThrownBy(() -> MysqlTls.load(MysqlTlsSettings.fromConfig(values, directory)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enable_ssl: mysql_ssl_default_server_certificate "
                        + directory.resolve("mysql_ssl_default_certificate/server_certificate.p12") + " does not exist");
    }

    @Test
    void wrongPasswordIsOneLineNamingTheKey() {
        MysqlTlsSettings wrong = new MysqlTlsSettings(true, false, settings.serverCertificate(), "not-it",
                settings.caCertificate(), PASSWORD, "PKCS12", false);
        assertThatThrownBy(() -> MysqlTls.load(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enable_ssl: mysql_ssl_default_server_certificate " + settings.serverCertificate()
                        + " cannot be read as PKCS12: wrong mysql_ssl_default_server_certificate_password");
        MysqlTlsSettings wrongCa = new MysqlTlsSettings(true, false, settings.serverCertificate(), PASSWORD,
                settings.caCertificate(), "not-it", "PKCS12", false);
        assertThatThrownBy(() -> MysqlTls.load(wrongCa))
                .hasMessageContaining("wrong mysql_ssl_default_ca_certificate_password");
    }

    @Test
    void requireSecureTransportRefusesPlaintextLoginsWithMysqlsError() throws Exception {
        settings = new MysqlTlsSettings(true, false, settings.serverCertificate(), PASSWORD, settings.caCertificate(),
                PASSWORD, "PKCS12", true);
        startServer();
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            RawMysqlClient.Packet refusal = client.login("root", "", RawMysqlClient.BASIC_CAPABILITIES,
                    "mysql_native_password");
            assertThat(refusal.error()).isEqualTo("3159 HY000 " + ConnectionHandler.INSECURE_TRANSPORT_MESSAGE);
            assertThat(client.closedByServer()).isTrue();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + server.port()
                + "/?user=root&password=&connectTimeout=10000&sslMode=REQUIRED");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select 1")) {
            assertThat(rows.next()).isTrue();
        }
        assertThatThrownBy(() -> MysqlTlsSettings.fromConfig(Map.of("require_secure_transport", "true"), directory))
                .hasMessage("require_secure_transport = true needs enable_ssl = true");
    }

    @Test
    void handshakeOffersSslOnlyWhenEnabled() throws Exception {
        startServer();
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            assertThat(capabilities(client.readHandshake().payload()) & Capabilities.SSL).isNotZero();
        }
        server.close();
        server = new MysqlServer("127.0.0.1", 0, new FakeAuthenticator(), sessions, 1 << 20);
        server.start();
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            assertThat(capabilities(client.readHandshake().payload()) & Capabilities.SSL).isZero();
        }
    }

    @Test
    void sslRequestUpgradesAndLoginContinuesEncrypted() throws Exception {
        startServer();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            readPacket(new DataInputStream(socket.getInputStream()));
            OutputStream plain = socket.getOutputStream();
            plain.write(RawMysqlClient.frame(1, sslRequest()));
            plain.flush();
            SSLSocket tls = (SSLSocket) clientContext().getSocketFactory()
                    .createSocket(socket, "127.0.0.1", server.port(), true);
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            DataInputStream in = new DataInputStream(tls.getInputStream());
            tls.getOutputStream().write(RawMysqlClient.frame(2, handshakeResponse("root")));
            tls.getOutputStream().flush();
            RawMysqlClient.Packet ok = readPacket(in);
            assertThat(ok.header()).isZero();
            assertThat(ok.sequenceId()).isEqualTo(3);
            tls.getOutputStream().write(RawMysqlClient.frame(0, RawMysqlClient.command(CommandDispatcher.COM_QUERY,
                    "select 1")));
            tls.getOutputStream().flush();
            assertThat(readPacket(in).payload()).containsExactly(1);
        }
    }

    @Test
    void mariadbCliVerifiesTheServer() throws Exception {
        startServer();
        Path ca = directory.resolve("ca.pem");
        certificates.writeCaPem(ca);
        Process process = new ProcessBuilder("/usr/bin/mariadb", "--no-defaults", "-h127.0.0.1", "-P" + server.port(),
                "-uroot", "--connect-timeout=10", "--ssl", "--ssl-ca=" + ca, "--ssl-verify-server-cert",
                "--batch")
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write("select 1;\n".getBytes());
        }
        String output = new String(process.getInputStream().readAllBytes());
        // --ssl refuses a server without TLS, and --ssl-verify-server-cert one whose certificate the
        // test CA did not sign for 127.0.0.1.
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("1\n1\n");
    }

    @Test
    void forcedClientAuthNeedsACertificateTheCaSigned() throws Exception {
        settings = new MysqlTlsSettings(true, true, settings.serverCertificate(), PASSWORD, settings.caCertificate(),
                PASSWORD, "PKCS12", false);
        startServer();
        assertThat(tlsLogin(clientContext())).as("no client certificate").isFalse();
        KeyStore clientKeys = KeyStore.getInstance("PKCS12");
        clientKeys.load(null, null);
        TestCertificates.Leaf client = certificates.leaf("client");
        clientKeys.setKeyEntry("client", client.key(), PASSWORD.toCharArray(),
                new java.security.cert.Certificate[] {client.certificate(), certificates.ca()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(clientKeys, PASSWORD.toCharArray());
        SSLContext withCertificate = SSLContext.getInstance("TLS");
        withCertificate.init(keys.getKeyManagers(), trustManagers(), null);
        assertThat(tlsLogin(withCertificate)).as("a certificate the CA signed").isTrue();
    }

    /** SSLRequest, TLS handshake and login as root; false when the server refuses the handshake. */
    private boolean tlsLogin(SSLContext context) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            readPacket(new DataInputStream(socket.getInputStream()));
            socket.getOutputStream().write(RawMysqlClient.frame(1, sslRequest()));
            socket.getOutputStream().flush();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", server.port(),
                    true);
            try {
                tls.startHandshake();
                tls.getOutputStream().write(RawMysqlClient.frame(2, handshakeResponse("root")));
                tls.getOutputStream().flush();
                return readPacket(new DataInputStream(tls.getInputStream())).header() == 0;
            } catch (java.io.IOException e) {
                return false; // TLS 1.3 reports a refused client certificate at the first read
            }
        }
    }

    @Test
    void plaintextClientStillLogsIn() throws Exception {
        startServer();
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            client.loginAsRoot();
            assertThat(client.query("select 1").payload()).containsExactly(1);
        }
    }

    @Test
    void garbageAfterSslRequestClosesOnlyThatConnection() throws Exception {
        startServer();
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            client.readHandshake();
            client.writePacket(1, sslRequest());
            client.writeRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(20).getBytes());
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawMysqlClient client = new RawMysqlClient(server.port())) {
            client.loginAsRoot();
        }
    }

    @Test
    void connectorJRequiredAndVerifyCa() throws Exception {
        startServer();
        Path trustStore = directory.resolve("trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificates.ca());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        String base = "jdbc:mysql://127.0.0.1:" + server.port() + "/?user=root&password=&connectTimeout=10000";
        for (String url : new String[] {base + "&sslMode=REQUIRED",
                base + "&sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + trustStore.toUri()
                        + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=" + PASSWORD}) {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1L);
            }
        }
    }

    /**
     * The client's ClientHello may come in the same read as its SSLRequest: it reaches the TLS handler,
     * not the MySQL packet decoder, which would take it for a packet far over the pre-login limit.
     */
    @Test
    void clientHelloInTheSameReadAsTheSslRequestReachesTls() throws Exception {
        MysqlTls tls = MysqlTls.load(settings).orElseThrow();
        PacketDecoder decoder = new PacketDecoder(MysqlServer.PRE_LOGIN_MAX_PACKET_BYTES);
        ServerStatistics statistics = new ServerStatistics(Clock.system());
        EmbeddedChannel channel = new EmbeddedChannel(new TlsUpgrade(tls), decoder,
                new ConnectionHandler(1, new byte[HandshakePacket.SCRAMBLE_BYTES], decoder, new FakeAuthenticator(),
                        sessions, 1 << 20, statistics, PreparedStatementLimits.defaults(1 << 20),
                        new ConnectionAdmission(10, 10), new ConnectionWatch(Clock.system(), 10, 10_000),
                        Capabilities.server(true), false));
        drain(channel); // the handshake
        SSLEngine client = clientContext().createSSLEngine("127.0.0.1", 3306);
        client.setUseClientMode(true);
        client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        ByteBuf inbound = Unpooled.buffer();
        inbound.writeBytes(RawMysqlClient.frame(1, sslRequest()));
        inbound.writeBytes(hello);
        channel.writeInbound(inbound);
        assertThat(channel.pipeline().get("mysql-tls")).isNotNull();
        byte[] reply = drain(channel);
        assertThat(reply.length).isGreaterThan(5);
        assertThat(reply[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            byte[] chunk = new byte[out.readableBytes()];
            out.readBytes(chunk);
            out.release();
            bytes.writeBytes(chunk);
        }
        return bytes.toByteArray();
    }

    private SSLContext clientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    private javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificates.ca());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }

    private static int capabilities(byte[] handshake) {
        int versionEnd = 1;
        while (handshake[versionEnd] != 0) {
            versionEnd++;
        }
        int low = versionEnd + 1 + 4 + 8 + 1;
        int high = low + 2 + 1 + 2;
        return (handshake[low] & 0xff) | (handshake[low + 1] & 0xff) << 8
                | (handshake[high] & 0xff) << 16 | (handshake[high + 1] & 0xff) << 24;
    }

    private static byte[] sslRequest() {
        ByteBuffer payload = ByteBuffer.allocate(TlsUpgrade.SSL_REQUEST_PAYLOAD_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        payload.putInt(RawMysqlClient.BASIC_CAPABILITIES | Capabilities.SSL | Capabilities.DEPRECATE_EOF);
        payload.putInt(1 << 24);
        payload.put((byte) 33);
        return payload.array();
    }

    private static byte[] handshakeResponse(String user) {
        ByteBuffer payload = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        payload.putInt(RawMysqlClient.BASIC_CAPABILITIES | Capabilities.SSL | Capabilities.DEPRECATE_EOF);
        payload.putInt(1 << 24);
        payload.put((byte) 33);
        payload.put(new byte[23]);
        payload.put(user.getBytes());
        payload.put((byte) 0);
        payload.put((byte) 0); // empty auth response
        byte[] bytes = new byte[payload.position()];
        payload.flip().get(bytes);
        return bytes;
    }

    private static RawMysqlClient.Packet readPacket(DataInputStream in) throws java.io.IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        int sequenceId = in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new RawMysqlClient.Packet(sequenceId, payload);
    }
}
