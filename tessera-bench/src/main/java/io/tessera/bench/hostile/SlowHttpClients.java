package io.tessera.bench.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Slow HTTP clients on the FE's and on a BE's HTTP port: each opens a connection and sends its
 * request headers one byte a second. Meanwhile a Stream Load goes through the FE and both health
 * checks are asked for, each timed. Held when the load succeeded with every row and both health
 * checks answered 200.
 *
 * <p>Threading: the benchmark's thread, and one thread that trickles the bytes.
 */
final class SlowHttpClients {
    private static final byte[] REQUEST = ("PUT /api/" + Target.DATABASE + "/t/_stream_load HTTP/1.1\r\n"
            + "Host: slow\r\nAuthorization: Basic cm9vdDo=\r\nX-Slow-Header: " + "x".repeat(200) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final int LOAD_ROWS = 1_000;

    private final Target target;
    private final int clientsPerPort;

    SlowHttpClients(Target target, int clientsPerPort) {
        this.target = target;
        this.clientsPerPort = clientsPerPort;
    }

    AttackResult run() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        String backend = target.backendHost(0);
        long rowsBefore = target.count();
        String reply;
        long loadMs;
        int feHealth;
        int beHealth;
        try {
            for (int i = 0; i < clientsPerPort; i++) {
                slow.add(open(target.frontendHost(), Target.FE_HTTP_PORT));
                slow.add(open(backend, Target.BE_HTTP_PORT));
            }
            int[] position = new int[1];
            trickle.scheduleAtFixedRate(() -> {
                int at = position[0]++ % REQUEST.length;
                for (Socket socket : slow) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(REQUEST[at]);
                        out.flush();
                    } catch (IOException closedByServer) {
                        // The server gave up on this client: what it should do, in time.
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            Path csv = target.workDir().resolve("slow-http-load.csv");
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < LOAD_ROWS; i++) {
                body.append(-1 - i).append(",slow-http-").append(i).append('\n');
            }
            Files.writeString(csv, body);
            long startNs = System.nanoTime();
            reply = Http.streamLoad(target, csv, "slow_http_" + System.currentTimeMillis());
            loadMs = (System.nanoTime() - startNs) / 1_000_000;
            feHealth = Http.health(target.frontendHost(), Target.FE_HTTP_PORT);
            beHealth = Http.health(backend, Target.BE_HTTP_PORT);
        } finally {
            trickle.shutdownNow();
            trickle.awaitTermination(10, TimeUnit.SECONDS);
            for (Socket socket : slow) {
                socket.close();
            }
        }
        boolean loaded = Http.succeeded(reply) && target.count() == rowsBefore + LOAD_ROWS;
        return new AttackResult(String.format(Locale.ROOT, "%d slow HTTP clients on the FE's and %d on a BE's HTTP port",
                clientsPerPort, clientsPerPort),
                "500 slow HTTP clients silence a BE's Stream Load port",
                String.format(Locale.ROOT, "meanwhile a %,d-row Stream Load %s in %d ms; /api/health FE %d, BE %d",
                        LOAD_ROWS, loaded ? "succeeded" : "FAILED (" + reply.strip() + ")", loadMs, feHealth, beHealth),
                loaded && feHealth == 200 && beHealth == 200);
    }

    private static Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 30_000);
        return socket;
    }
}
