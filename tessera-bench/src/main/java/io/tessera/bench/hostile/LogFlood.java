package io.tessera.bench.hostile;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.MysqlProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Requests that each make the FE write about them: refused logins with 300-character user names,
 * garbage instead of a handshake response, and statements that do not parse, 1 KB each. Measures
 * how much the FE's log folder grew per request and whether it stayed within what the rolling
 * settings allow ({@code sys_log_roll_num + 1} files of the roll size, for each of fe.log,
 * fe.warn.log and fe.audit.log). Held when it stayed within that bound.
 *
 * <p>Threading: the benchmark's thread.
 */
final class LogFlood {
    private static final int LOG_KINDS = 3;

    private final Target target;
    private final int requests;
    private final long boundBytesPerKind;

    /**
     * @param boundBytesPerKind what the rolling settings keep of one log: (roll num + 1) × roll size
     */
    LogFlood(Target target, int requests, long boundBytesPerKind) {
        this.target = target;
        this.requests = requests;
        this.boundBytesPerKind = boundBytesPerKind;
    }

    AttackResult run() throws Exception {
        long before = folderBytes();
        long startNs = System.nanoTime();
        int logins = requests / 10;
        int garbage = requests * 3 / 10;
        int statements = requests - logins - garbage;
        String user = "u".repeat(300);
        for (int i = 0; i < logins; i++) {
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://" + target.frontendHost() + ":"
                    + ClusterLayout.QUERY_PORT + "/?user=" + user + "&password=wrong&connectTimeout=5000")) {
                throw new IllegalStateException("a login with a wrong password succeeded");
            } catch (SQLException expected) {
                // Access denied: what the flood is made of.
            }
        }
        Random random = new Random(15);
        for (int i = 0; i < garbage; i++) {
            sendGarbage(random);
        }
        String junk = "SELEKT " + "x".repeat(1024);
        try (Connection connection = DriverManager.getConnection(
                MysqlProbe.jdbcUrl(target.frontendHost(), ClusterLayout.QUERY_PORT));
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements; i++) {
                try {
                    statement.execute(junk);
                } catch (SQLException expected) {
                    // A syntax error: what the flood is made of.
                }
            }
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        long after = folderBytes();
        long grown = Math.max(0, after - before);
        double perRequest = (double) grown / requests;
        double per45Minutes = perRequest * (requests / seconds) * 45 * 60;
        long bound = boundBytesPerKind * LOG_KINDS;
        return new AttackResult(String.format(Locale.ROOT, "%,d logged requests (%,d refused logins with 300-char "
                        + "names, %,d garbage handshakes, %,d 1 KB bad statements) in %.0f s", requests, logins, garbage,
                        statements, seconds),
                "fe.log grew to 830 MB in 45 minutes",
                String.format(Locale.ROOT, "the FE's log folder grew %,d KB (%.0f bytes per request; at this rate "
                        + "%,.0f MB in 45 minutes before rolling); it holds %,d KB, bound %,d KB", grown >> 10,
                        perRequest, per45Minutes / 1e6, after >> 10, bound >> 10),
                after <= bound);
    }

    /** Reads the server's greeting and answers it with random bytes in a packet of a random length. */
    private void sendGarbage(Random random) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.frontendHost(), ClusterLayout.QUERY_PORT), 10_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] greeting = new byte[4096];
            if (in.read(greeting) < 0) {
                return;
            }
            byte[] payload = new byte[8 + random.nextInt(120)];
            random.nextBytes(payload);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) payload.length, 0, 0, 1});
            out.write(payload);
            out.flush();
            while (in.read(greeting) >= 0) {
                // Until the FE closes the connection.
            }
        } catch (IOException closed) {
            // Reset by the FE: also a close.
        }
    }

    private long folderBytes() throws IOException {
        try (Stream<Path> files = Files.list(target.frontendLogFolder())) {
            return files.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
