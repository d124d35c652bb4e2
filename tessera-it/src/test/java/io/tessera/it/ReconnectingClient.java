package io.tessera.it;

import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A MySQL client of an FE that may be killed at any moment: a statement either gets the server's
 * answer (OK or an error the server sent) or its outcome is unknown because the connection broke;
 * the next statement opens a new connection, waiting (bounded) until the FE answers again.
 *
 * <p>Threading: one thread.
 */
final class ReconnectingClient implements AutoCloseable {
    /** How long a restarted FE may take to answer again. */
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(90);

    /** What became of one statement. */
    record Answer(PossibleStates.Outcome outcome, String detail) {
    }

    private final String host;
    private final int port;
    private FrontendClient client;
    private int connections;

    ReconnectingClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Runs a statement; an error the server sent is REJECTED, a broken connection UNKNOWN. */
    Answer execute(String sql) {
        FrontendClient current = connected();
        try {
            current.execute(sql);
            return new Answer(PossibleStates.Outcome.ACKNOWLEDGED, "");
        } catch (SQLException e) {
            if (connectionLost(e)) {
                dropConnection();
                return new Answer(PossibleStates.Outcome.UNKNOWN, e.getClass().getSimpleName());
            }
            return new Answer(PossibleStates.Outcome.REJECTED, e.getMessage());
        }
    }

    /** A query's rows; reconnects (bounded) when the connection broke. */
    List<Map<String, String>> rows(String sql) {
        return await().atMost(RECONNECT_WAIT).ignoreExceptions().until(() -> {
            try {
                return connected().rows(sql);
            } catch (SQLException e) {
                if (connectionLost(e)) {
                    dropConnection();
                }
                throw e;
            }
        }, rows -> true);
    }

    /** A connection, opened (waiting until the FE answers) if there is none. */
    FrontendClient connected() {
        if (client == null) {
            client = await().atMost(RECONNECT_WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> new FrontendClient(host, port), c -> true);
            connections++;
        }
        return client;
    }

    /** How many connections were opened so far: a change means the FE may have restarted. */
    int connections() {
        return connections;
    }

    static boolean connectionLost(SQLException e) {
        return e instanceof SQLRecoverableException || e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    private void dropConnection() {
        try {
            client.close();
        } catch (SQLException | RuntimeException ignored) {
            // The connection is broken already.
        }
        client = null;
    }

    @Override
    public void close() {
        if (client != null) {
            dropConnection();
        }
    }
}
