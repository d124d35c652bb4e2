package io.tessera.cli;

import io.tessera.common.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** TCP-level checks: is a port free to bind, and waiting until a starting node listens. Stateless. */
public final class PortProbe {
    private PortProbe() {
    }

    public static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until host:port accepts a connection; a node that dies first fails at once with its log's end. */
    public static void awaitListening(String host, int port, ProcessHandle process, Path logFile, Duration timeout) {
        long deadlineNs = Clock.system().monotonicNanos() + timeout.toNanos();
        while (Clock.system().monotonicNanos() < deadlineNs) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited while starting; end of " + logFile + ":\n"
                        + MysqlProbe.tail(logFile, 30));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1_000);
                return;
            } catch (IOException notYet) {
                process.onExit().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS).join();
            }
        }
        throw new IllegalStateException(host + ":" + port + " is not listening after " + timeout.toSeconds()
                + " s; end of " + logFile + ":\n" + MysqlProbe.tail(logFile, 30));
    }
}
