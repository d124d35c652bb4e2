package io.tessera.fe.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether a backend's HTTP port ({@code webserver_port}) accepts a TCP connection now: what the
 * FE checks before redirecting a Stream Load there, so a client is not sent to a port that does not
 * answer. An interface so tests answer without sockets.
 *
 * <p>Threading: implementations are thread-safe.
 */
@FunctionalInterface
public interface HttpPortProbe {
    /** True when {@code host:port} accepted a connection within the probe's timeout. */
    boolean answers(String host, int port);

    /** A TCP connect with a timeout of {@code timeoutMs}, closed at once (nothing is sent). */
    static HttpPortProbe tcpConnect(int timeoutMs) {
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("probe timeout must be at least 1 ms: " + timeoutMs);
        }
        return (host, port) -> {
            if (port <= 0) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        };
    }
}
