package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the drain tests on real processes read of SHOW BACKENDS through their one client: the
 * busiest backend, one backend's row, and bounded waits for backends to be alive or gone. On a
 * timeout the failure carries the test's own evidence (what the cluster shows, the FE log's tail).
 *
 * <p>Threading: the test's thread, as its client.
 */
final class BackendRows {
    private final ReconnectingClient client;
    private final Duration wait;
    private final Supplier<String> evidence;

    /**
     * @param wait     how long {@link #awaitAlive} waits
     * @param evidence what a failed wait adds to its message
     */
    BackendRows(ReconnectingClient client, Duration wait, Supplier<String> evidence) {
        this.client = client;
        this.wait = wait;
        this.evidence = evidence;
    }

    /** The backend with the most replicas (it holds at least one). */
    Map<String, String> busiest() {
        Map<String, String> busiest = client.rows("SHOW BACKENDS").stream()
                .max(Comparator.comparingInt(row -> Integer.parseInt(row.get("TabletNum")))).orElseThrow();
        assertThat(Integer.parseInt(busiest.get("TabletNum"))).isPositive();
        return busiest;
    }

    /** The backend's SHOW BACKENDS row, or null when it is not listed. */
    Map<String, String> byId(String backendId) {
        return client.rows("SHOW BACKENDS").stream().filter(row -> backendId.equals(row.get("BackendId")))
                .findFirst().orElse(null);
    }

    /** {@code host:heartbeat_port} of a SHOW BACKENDS row, as ALTER SYSTEM names a backend. */
    static String hostPort(Map<String, String> backend) {
        return backend.get("Host") + ":" + backend.get("HeartbeatPort");
    }

    /** Waits until exactly {@code backends} backends are alive. */
    void awaitAlive(int backends) {
        await().atMost(wait).until(() -> client.rows("SHOW BACKENDS").stream()
                .filter(row -> "true".equals(row.get("Alive"))).count() == backends);
    }

    /** Waits until the backend is no longer listed; on timeout, fails with the evidence. */
    void awaitGone(String backendId, Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> byId(backendId) == null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("backend " + backendId + " is still listed after " + within.toSeconds() + " s; "
                    + evidence.get(), e);
        }
    }
}
