package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.tessera.common.GrpcServer;
import io.tessera.common.GrpcServerLimits;
import io.tessera.common.InternalTlsSettings;
import io.tessera.common.NettyGrpcTransport;
import io.tessera.testkit.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enable_tls} on the transport every listener and channel of a node is built with, without
 * processes: a listener with no services answers UNIMPLEMENTED to a call whose TLS handshake passed,
 * and UNAVAILABLE to one refused at the handshake. Checked per {@code tls_verify_mode}: mutual TLS
 * refuses a client without a certificate; every mode refuses plaintext; {@code verify_peer} checks the
 * server's name and CA. On 127.0.81.x, free ports.
 */
class InternalTlsTransportTest {
    private static final String SERVER_HOST = TestAddresses.TLS_PREFIX + ".11";
    private static final String OTHER_HOST = TestAddresses.TLS_PREFIX + ".12";
    private static final MethodDescriptor<byte[], byte[]> PING = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("tessera.test.Nothing/Ping")
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    @TempDir
    static Path directory;

    private static TestCertificates ca;

    @BeforeAll
    static void writeFiles() throws Exception {
        ca = new TestCertificates();
        ca.writePem(directory.resolve("node.pem"), directory.resolve("node.key"), ca.leaf("node", SERVER_HOST));
        // Signed by the same CA, but for another address than the one the listener is reached at.
        ca.writePem(directory.resolve("misnamed.pem"), directory.resolve("misnamed.key"),
                ca.leaf("misnamed", OTHER_HOST));
        ca.writeCaPem(directory.resolve("ca.pem"));
        TestCertificates stranger = new TestCertificates();
        stranger.writeCaPem(directory.resolve("stranger-ca.pem"));
    }

    private static NettyGrpcTransport transport(String verifyMode, String caFile) {
        return transport(verifyMode, caFile, "node");
    }

    private static NettyGrpcTransport transport(String verifyMode, String caFile, String node) {
        return NettyGrpcTransport.of(InternalTlsSettings.fromConfig(Map.of("enable_tls", "true",
                "tls_certificate_path", node + ".pem", "tls_private_key_path", node + ".key",
                "tls_ca_certificate_path", caFile, "tls_verify_mode", verifyMode), directory));
    }

    private static Status.Code call(ManagedChannel channel) {
        try {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(channel, PING,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[] {1}));
            return e == null ? Status.Code.OK : e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }

    private static GrpcServer listen(NettyGrpcTransport transport) throws Exception {
        GrpcServer server = new GrpcServer("test_port", InetAddress.getByName(SERVER_HOST), 0, List.of(),
                GrpcServerLimits.DEFAULT, transport);
        server.start();
        return server;
    }

    @Test
    void mutualTlsServesPeersAndRefusesPlaintextAndClientsWithoutCertificates() throws Exception {
        NettyGrpcTransport node = transport("verify_fail_if_no_peer_cert", "ca.pem");
        assertThat(node.tls()).isTrue();
        try (GrpcServer server = listen(node)) {
            int port = server.port();
            assertThat(call(node.channelBuilder(SERVER_HOST, port).build())).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(call(NettyChannelBuilder.forAddress(SERVER_HOST, port).usePlaintext().build()))
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(call(NettyChannelBuilder.forAddress(SERVER_HOST, port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(directory.resolve("ca.pem").toFile()).build())
                    .build())).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void verifyPeerChecksTheServersNameAndCa() throws Exception {
        NettyGrpcTransport node = transport("verify_peer", "ca.pem");
        try (GrpcServer server = listen(node)) {
            int port = server.port();
            // No client certificate needed.
            assertThat(call(NettyChannelBuilder.forAddress(SERVER_HOST, port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(directory.resolve("ca.pem").toFile()).build())
                    .build())).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(call(NettyChannelBuilder.forAddress(SERVER_HOST, port).usePlaintext().build()))
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(call(transport("verify_peer", "stranger-ca.pem").channelBuilder(SERVER_HOST, port).build()))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
        // A listener whose certificate (same CA) names another address than the one it is reached at.
        try (GrpcServer server = listen(transport("verify_peer", "ca.pem", "misnamed"))) {
            assertThat(call(node.channelBuilder(SERVER_HOST, server.port()).build()))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void verifyNoneEncryptsWithoutChecks() throws Exception {
        NettyGrpcTransport node = transport("verify_none", "stranger-ca.pem", "misnamed");
        try (GrpcServer server = listen(node)) {
            assertThat(call(node.channelBuilder(SERVER_HOST, server.port()).build()))
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(call(NettyChannelBuilder.forAddress(SERVER_HOST, server.port()).usePlaintext().build()))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    /** Encodes byte arrays as they are. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
