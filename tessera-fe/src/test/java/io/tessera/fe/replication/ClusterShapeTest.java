package io.tessera.fe.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape whose change calls for a full check of every tablet. After an FE start a thousand
 * backends come alive one by one; while any is unsettled their liveness is left out of the shape,
 * or each would call for a full check of a million tablets (19 s each in the scale benchmark's
 * restart), and the last one settling calls for one.
 */
class ClusterShapeTest {
    private final BackendRegistry registry = new BackendRegistry();

    private ClusterView view(boolean firstAlive) {
        return ClusterView.of(registry.snapshot(), id -> runtime(id != 1 || firstAlive));
    }

    private static BackendRuntime runtime(boolean alive) {
        return new BackendRuntime(9060, 8040, -1, -1, 1, 1, alive, "", "v", 0, "mix", 1, 0, 1, 0, 0, 50L << 30,
                100L << 30, 0.0, 0, false);
    }

    @Test
    void livenessCountsOnlyOnceEveryBackendIsSettledAndSettlingChangesTheShape() {
        for (long id = 1; id <= 2; id++) {
            registry.replay(BackendRegistry.toImage(new Backend(id, "127.0.68." + id, 9050,
                    Map.of("location", "default"), false, false, false)));
        }

        List<String> unsettledDown = ClusterShape.of(view(false), Set.of(), false);
        List<String> unsettledUp = ClusterShape.of(view(true), Set.of(), false);
        List<String> settledDown = ClusterShape.of(view(false), Set.of(), true);
        List<String> settledUp = ClusterShape.of(view(true), Set.of(), true);

        assertThat(unsettledUp).isEqualTo(unsettledDown);
        assertThat(settledUp).isNotEqualTo(settledDown);
        assertThat(settledUp).isNotEqualTo(unsettledUp);
        assertThat(ClusterShape.of(view(true), Set.of(1L), false)).as("a pause still counts")
                .isNotEqualTo(unsettledUp);
    }
}
