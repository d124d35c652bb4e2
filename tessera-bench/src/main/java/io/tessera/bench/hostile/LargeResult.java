package io.tessera.bench.hostile;

import io.tessera.cli.ClusterLayout;
import io.tessera.cli.FrontendClient;
import io.tessera.cli.MysqlProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code SELECT *} over the whole table (1M rows by default), read to the end by one client with
 * Connector/J's row streaming; then a second client that reads a few rows and vanishes, whose query
 * the FE must stop and forget. Held when every row arrived and the abandoned query left SHOW
 * PROCESSLIST.
 *
 * <p>Threading: the benchmark's thread.
 */
final class LargeResult {
    private static final Duration FORGET_DEADLINE = Duration.ofSeconds(60);

    private final Target target;
    private final long rows;

    LargeResult(Target target, long rows) {
        this.target = target;
        this.rows = rows;
    }

    AttackResult run() throws Exception {
        long startNs = System.nanoTime();
        long read = 0;
        long bytes = 0;
        String failure = null;
        try (Connection connection = connect(); Statement statement = streaming(connection);
                ResultSet result = statement.executeQuery("SELECT * FROM " + Target.TABLE)) {
            while (result.next()) {
                read++;
                bytes += result.getString(2).length() + 8;
            }
        } catch (java.sql.SQLException e) {
            failure = e.getMessage();
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;

        // A client that stops reading and disconnects.
        Connection quitter = connect();
        Statement statement = streaming(quitter);
        ResultSet partial = statement.executeQuery("SELECT * FROM " + Target.TABLE);
        for (int i = 0; i < 10 && partial.next(); i++) {
            partial.getString(1);
        }
        quitter.abort(Runnable::run);
        boolean forgotten = awaitNoRunningSelect();

        String after = failure != null ? "failed: " + failure
                : String.format(Locale.ROOT, "%,d rows (%,d MB) in %.1f s (%,.0f rows/s)", read, bytes >> 20, seconds,
                        read / seconds);
        return new AttackResult(String.format(Locale.ROOT, "SELECT * of %,d rows; a client that quits after 10", rows),
                "a 1M-row SELECT * never answers (the FE runs out of direct memory; the error is swallowed)",
                after + "; the quitting client's query " + (forgotten ? "left SHOW PROCESSLIST" : "STAYED"),
                failure == null && read == rows && forgotten);
    }

    private Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(MysqlProbe.jdbcUrl(target.frontendHost(), ClusterLayout.QUERY_PORT)
                .replace("socketTimeout=30000", "socketTimeout=600000"));
    }

    /** Connector/J streams rows one by one instead of buffering the result. */
    private static Statement streaming(Connection connection) throws java.sql.SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(Integer.MIN_VALUE);
        return statement;
    }

    private boolean awaitNoRunningSelect() throws Exception {
        long deadlineNs = System.nanoTime() + FORGET_DEADLINE.toNanos();
        try (FrontendClient client = target.client()) {
            while (System.nanoTime() < deadlineNs) {
                boolean running = client.rows("SHOW FULL PROCESSLIST").stream()
                        .anyMatch(row -> String.valueOf(row.get("Info")).startsWith("SELECT * FROM " + Target.TABLE));
                if (!running) {
                    return true;
                }
                Thread.sleep(200);
            }
        }
        return false;
    }
}
