package io.tessera.fe.decommission;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A leaving backend's data is known only from an alive backend that reported its disks, or when it is empty. */
class BackendBytesTest {
    private static final Backend BACKEND = new Backend(10001, "127.0.64.2", 9050, Map.of(), true, false, false);

    private static ClusterView cluster(boolean alive, long dataUsedBytes, long totalBytes) {
        BackendRuntime runtime = new BackendRuntime(9060, 8040, -1, -1, 1, 1, alive, "", "v", 0, "mix", 1, 0, 1,
                dataUsedBytes, 0, 1_000, totalBytes, 0.1, 0, false);
        return ClusterView.of(new BackendRegistry.Snapshot(Map.of(BACKEND.id(), BACKEND),
                Map.of(new HostPort(BACKEND.host(), BACKEND.heartbeatPort()), BACKEND.id())), id -> runtime);
    }

    @Test
    void anAliveBackendThatReportedItsDisksIsKnown() {
        assertThat(BackendBytes.known(cluster(true, 300, 10_000), 10001, 2)).isEqualTo(300L);
    }

    @Test
    void aDeadOrNotYetReportedOrUnregisteredBackendIsUnknown() {
        assertThat(BackendBytes.known(cluster(false, 300, 10_000), 10001, 2)).as("dead").isEqualTo(-1L);
        assertThat(BackendBytes.known(cluster(true, 0, 0), 10001, 2)).as("no disk report since the FE started")
                .isEqualTo(-1L);
        assertThat(BackendBytes.known(cluster(true, 300, 10_000), 10002, 2)).as("not registered").isEqualTo(-1L);
    }

    @Test
    void aBackendWithoutReplicasHoldsNoTabletData() {
        assertThat(BackendBytes.known(cluster(false, 300, 0), 10001, 0)).isZero();
    }
}
