package io.tessera.fe.mysql;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The MySQL port's TLS: the server's key and certificate and the CA a client certificate is checked
 * against, loaded once at start from the {@link MysqlTlsSettings}, and the {@link SslHandler} each
 * connection that sends an SSLRequest is upgraded with (TLSv1.3 and TLSv1.2, the versions Doris
 * supports; the JDK's provider). A store that is missing, of the wrong type or locked with another
 * password is an error at start, naming the key and the file, so an FE never runs with
 * {@code enable_ssl = true} and no way to serve it.
 *
 * <p>Immutable and thread-safe: every connection takes its own handler (and SSL engine) from the one
 * context.
 */
public final class MysqlTls {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext context;
    private final boolean requireSecureTransport;

    private MysqlTls(SslContext context, boolean requireSecureTransport) {
        this.context = context;
        this.requireSecureTransport = requireSecureTransport;
    }

    /** {@code require_secure_transport}: a login must come over TLS. */
    boolean requireSecureTransport() {
        return requireSecureTransport;
    }

    /**
     * Loads the stores when {@code enable_ssl} is true.
     *
     * @return empty when TLS is off
     * @throws IllegalArgumentException one line naming the key, the file and what is wrong with it
     */
    public static Optional<MysqlTls> load(MysqlTlsSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        KeyStore serverStore = readStore("mysql_ssl_default_server_certificate", settings.serverCertificate(),
                settings.serverCertificatePassword(), settings.storeType());
        KeyStore caStore = readStore("mysql_ssl_default_ca_certificate", settings.caCertificate(),
                settings.caCertificatePassword(), settings.storeType());
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(serverStore, settings.serverCertificatePassword().toCharArray());
            if (!hasKeyEntry(serverStore)) {
                throw new IllegalArgumentException(describe("mysql_ssl_default_server_certificate",
                        settings.serverCertificate()) + " holds no private key");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caStore);
            SslContext context = SslContextBuilder.forServer(keys)
                    .sslProvider(SslProvider.JDK)
                    .trustManager(trust)
                    .protocols(PROTOCOLS)
                    .clientAuth(settings.forceClientAuth() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                    .build();
            return Optional.of(new MysqlTls(context, settings.requireSecureTransport()));
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(describe("mysql_ssl_default_server_certificate",
                    settings.serverCertificate()) + ": the private key cannot be read with"
                    + " mysql_ssl_default_server_certificate_password (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("enable_ssl: cannot set up TLS for the MySQL port: " + e.getMessage(), e);
        }
    }

    /** A fresh handler for one connection, in server mode. */
    SslHandler newHandler(ByteBufAllocator allocator) {
        return context.newHandler(allocator);
    }

    private static KeyStore readStore(String key, Path file, String password, String type) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ssl_trust_store_type: unknown key store type '" + type + "'", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(describe(key, file) + " does not exist", e);
        } catch (IOException e) {
            String cause = e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong " + key + "_password" : String.valueOf(e.getMessage());
            throw new IllegalArgumentException(describe(key, file) + " cannot be read as " + type + ": " + cause, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(describe(key, file) + " cannot be read as " + type + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean hasKeyEntry(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String key, Path file) {
        return "enable_ssl: " + key + " " + file;
    }
}
