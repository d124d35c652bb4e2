package io.tessera.bench.hostile;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sockets that connect to the MySQL port and never log in, as many as this process may open.
 * While they are open, a real client logs in and queries and the HTTP port answers its health
 * check (each timed); then the FE must close every one of them, by its login deadline or by
 * {@code max_unauthenticated_connections}. Held when the client and HTTP answered and every
 * socket was closed by the server.
 *
 * <p>Threading: the benchmark's thread.
 */
final class SocketFlood {
    /** login_timeout_second (10) and slack for a loaded machine. */
    private static final long CLOSE_DEADLINE_MS = 60_000;

    private final Target target;
    private final int sockets;

    SocketFlood(Target target, int sockets) {
        this.target = target;
        this.sockets = sockets;
    }

    AttackResult run() throws Exception {
        List<Socket> flood = new ArrayList<>(sockets);
        long loginMs;
        int httpStatus;
        long httpMs;
        int closedByServer = 0;
        try {
            for (int i = 0; i < sockets; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(target.frontendHost(), ClusterLayout.QUERY_PORT), 30_000);
                flood.add(socket);
            }
            long startNs = System.nanoTime();
            try (FrontendClient client = target.client()) {
                client.rows("SELECT 1 AS one");
            }
            loginMs = (System.nanoTime() - startNs) / 1_000_000;
            startNs = System.nanoTime();
            httpStatus = Http.health(target.frontendHost(), Target.FE_HTTP_PORT);
            httpMs = (System.nanoTime() - startNs) / 1_000_000;
            long deadlineMs = System.currentTimeMillis() + CLOSE_DEADLINE_MS;
            for (Socket socket : flood) {
                if (closedByServer(socket, deadlineMs)) {
                    closedByServer++;
                }
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        return new AttackResult(String.format(Locale.ROOT, "%,d sockets that never log in", sockets),
                "20,000 idle sockets take the FE off the air for MySQL and HTTP alike",
                String.format(Locale.ROOT, "during the flood a login + SELECT 1 took %d ms, /api/health %s in %d ms; "
                        + "%,d of %,d sockets closed by the FE", loginMs, httpStatus, httpMs, closedByServer, sockets),
                httpStatus == 200 && closedByServer == sockets);
    }

    /** Reads until the server closes the socket (EOF or reset) or the deadline passes. */
    private static boolean closedByServer(Socket socket, long deadlineMs) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                long leftMs = deadlineMs - System.currentTimeMillis();
                if (leftMs <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, leftMs));
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
