package io.tessera.common;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The two TLS contexts of a node's internal gRPC traffic, built once at start from
 * {@link InternalTlsSettings}: the server side of its listeners and the client side of its channels,
 * both presenting the node's certificate (so {@code verify_fail_if_no_peer_cert} works in every
 * direction: FE → BE, BE → FE, BE → BE), TLSv1.3 and TLSv1.2 only. A file that is missing, not PEM, or
 * a key that does not open with the password is an error at start naming the key and the file.
 *
 * <p>Immutable and thread-safe (Netty's contexts are).
 *
 * @param server what every listener's connections are encrypted with
 * @param client what every channel's connections are encrypted and checked with
 */
public record InternalTls(SslContext server, SslContext client) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Builds both contexts.
     *
     * @throws IllegalArgumentException one line naming the key, the file and the cause
     */
    public static InternalTls load(InternalTlsSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("internal TLS is off (enable_tls = false)");
        }
        File certificate = readable("tls_certificate_path", settings.certificate());
        File key = readable("tls_private_key_path", settings.privateKey());
        File ca = settings.caCertificate().map(path -> readable("tls_ca_certificate_path", path)).orElse(null);
        String password = settings.privateKeyPassword().isEmpty() ? null : settings.privateKeyPassword();
        SslContextBuilder server = builder(() -> SslContextBuilder.forServer(certificate, key, password), settings);
        SslContextBuilder client = builder(() -> SslContextBuilder.forClient().keyManager(certificate, key, password),
                settings);
        switch (settings.verifyMode()) {
            case VERIFY_NONE -> {
                server.clientAuth(ClientAuth.NONE);
                client.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            case VERIFY_PEER -> {
                server.clientAuth(ClientAuth.NONE);
                if (ca != null) {
                    client.trustManager(ca);
                }
            }
            case VERIFY_FAIL_IF_NO_PEER_CERT -> {
                server.clientAuth(ClientAuth.REQUIRE);
                if (ca != null) {
                    server.trustManager(ca);
                    client.trustManager(ca);
                }
            }
            default -> throw new IllegalStateException("unknown verify mode " + settings.verifyMode());
        }
        try {
            return new InternalTls(GrpcSslContexts.configure(server).protocols(PROTOCOLS).build(),
                    GrpcSslContexts.configure(client).protocols(PROTOCOLS).build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("enable_tls: cannot use tls_certificate_path " + settings.certificate()
                    + " with tls_private_key_path " + settings.privateKey() + ": " + causeOf(e), e);
        }
    }

    private interface BuilderSource {
        SslContextBuilder get();
    }

    private static SslContextBuilder builder(BuilderSource source, InternalTlsSettings settings) {
        try {
            return source.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enable_tls: cannot read tls_certificate_path " + settings.certificate()
                    + " and tls_private_key_path " + settings.privateKey() + " as PEM"
                    + (settings.privateKeyPassword().isEmpty() ? "" : " with tls_private_key_password") + ": "
                    + causeOf(e), e);
        }
    }

    private static File readable(String key, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("enable_tls: " + key + " " + path + " does not exist or cannot be read");
        }
        return path.toFile();
    }

    private static String causeOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return LogValues.bounded(String.valueOf(cause.getMessage()));
    }
}
