package io.tessera.cli;

import io.tessera.common.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Waits for an FE to answer {@code SELECT 1} over the MySQL protocol, watching the process so a
 * node that dies while starting fails fast with the end of its log.
 */
public final class MysqlProbe {
    /** MySQL's ER_ACCESS_DENIED_ERROR: a refused login, which only a running FE can send. */
    private static final int ACCESS_DENIED = 1045;

    private MysqlProbe() {
    }

    public static String jdbcUrl(String host, int port) {
        return "jdbc:mysql://" + host + ":" + port + "/?user=root&password=&connectTimeout=2000&socketTimeout=30000";
    }

    public static void awaitReady(String host, int port, ProcessHandle process, Path logFile, Duration timeout)
            throws InterruptedException {
        long deadlineNs = Clock.system().monotonicNanos() + timeout.toNanos();
        SQLException last = null;
        while (Clock.system().monotonicNanos() < deadlineNs) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited while starting; end of " + logFile + ":\n"
                        + tail(logFile, 30));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(host, port));
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() == ACCESS_DENIED) {
                    // The FE answered the login: it is up, and root has a password set since.
                    return;
                }
                last = e;
            }
            process.onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException("no answer from " + host + ":" + port + " within " + timeout.toSeconds()
                + " s (" + (last == null ? "" : last.getMessage()) + "); end of " + logFile + ":\n" + tail(logFile, 30));
    }

    /**
     * The last lines of a node's log; for {@code <name>.log} also those of {@code <name>.out}
     * (the process's own output: what it printed before its log was set up, or a JVM crash).
     */
    public static String tail(Path file, int lines) {
        String name = file.getFileName().toString();
        if (name.endsWith(".log")) {
            Path out = file.resolveSibling(name.substring(0, name.length() - 4) + ".out");
            try {
                if (Files.exists(out) && Files.size(out) > 0) {
                    return tailOf(out, lines) + "\n(" + name + ":)\n" + tailOf(file, lines);
                }
            } catch (IOException e) {
                return tailOf(file, lines);
            }
        }
        return tailOf(file, lines);
    }

    private static String tailOf(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
