package io.tessera.fe.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.journal.TagReplicaCount;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The prediction of a DECOMMISSION: the drain plan added up per destination, the replicas with
 * nowhere to go and why, and the summary with its sizes and estimate, never a leaving backend as a
 * destination.
 */
class DecommissionPredictionTest {
    private static final List<TagReplicaCount> THREE = List.of(
            TagReplicaCount.newBuilder().setLocation("default").setCount(3).build());
    private static final long MIB = 1024 * 1024;

    private final SimCluster model = new SimCluster();

    @Test
    void countsThePlannedReplicasAndBytesPerDestination() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        long d = model.addBackend("127.0.0.4", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        model.addTablet(partition, a, b, c);
        model.addTablet(partition, a, b, c);
        model.addTablet(partition, a, c, d);
        model.decommission(a);

        DecommissionPrediction.Result result = DecommissionPrediction.predict(model.catalog(), model.view(),
                Set.of(a), (replicaId, backendId) -> OptionalLong.of(MIB), OptionalDouble.of(MIB));

        assertThat(result.unplaceable()).isEmpty();
        assertThat(result.destinations()).extracting(destination -> destination.backend().id())
                .containsExactly(b, d);
        DecommissionPrediction.Destination toD = result.destinations().get(1);
        assertThat(toD.replicas()).isEqualTo(2);
        assertThat(toD.bytes()).hasValue(2 * MIB);
        assertThat(toD.availBytesAfter()).hasValue(SimCluster.TOTAL_BYTES / 2 - 2 * MIB);
        assertThat(toD.usedPctAfter().getAsDouble()).isGreaterThan(50.0);
        assertThat(result.summary().replicas()).isEqualTo(3);
        assertThat(result.summary().bytes()).hasValue(3 * MIB);
        assertThat(result.summary().estimatedSeconds()).hasValue(3);
    }

    @Test
    void aReplicaWithNowhereToGoIsListedWithTheReason() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        SimCluster.SimTablet tablet = model.addTablet(partition, a, b, c);
        model.decommission(a);

        DecommissionPrediction.Result result = DecommissionPrediction.predict(model.catalog(), model.view(),
                Set.of(a), (replicaId, backendId) -> OptionalLong.of(MIB), OptionalDouble.empty());

        assertThat(result.destinations()).isEmpty();
        assertThat(result.unplaceable()).singleElement().satisfies(row -> {
            assertThat(row.tabletId()).isEqualTo(tablet.tabletId);
            assertThat(row.sourceBackendId()).isEqualTo(a);
            assertThat(row.reason()).startsWith("no backend in location default can take it");
        });
        assertThat(result.summary().replicas()).isEqualTo(1);
        assertThat(result.summary().estimatedSeconds()).as("no rate measured").isEmpty();
    }

    @Test
    void severalBackendsTogetherNeverReceiveEachOthersReplicas() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        long d = model.addBackend("127.0.0.4", "default");
        long e = model.addBackend("127.0.0.5", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        for (int i = 0; i < 6; i++) {
            model.addTablet(partition, a, b, i % 2 == 0 ? c : d);
        }
        model.decommission(a);
        model.decommission(b);

        DecommissionPrediction.Result result = DecommissionPrediction.predict(model.catalog(), model.view(),
                Set.of(a, b), (replicaId, backendId) -> OptionalLong.of(MIB), OptionalDouble.empty());

        assertThat(result.destinations()).extracting(destination -> destination.backend().id())
                .doesNotContain(a, b).isNotEmpty();
        assertThat(result.destinations().stream().mapToInt(DecommissionPrediction.Destination::replicas).sum()
                + result.unplaceable().size()).isEqualTo(12);
        assertThat(result.summary().replicas()).isEqualTo(12);
        assertThat(result.destinations()).extracting(destination -> destination.backend().id())
                .containsOnly(c, d, e);
    }

    @Test
    void anUnknownSizeMakesTheBytesUnknownNotZero() {
        long a = model.addBackend("127.0.0.1", "default");
        long b = model.addBackend("127.0.0.2", "default");
        long c = model.addBackend("127.0.0.3", "default");
        long d = model.addBackend("127.0.0.4", "default");
        SimCluster.SimPartition partition = model.addPartition(model.addTable(THREE));
        model.addTablet(partition, a, b, c);
        model.decommission(a);

        DecommissionPrediction.Result result = DecommissionPrediction.predict(model.catalog(), model.view(),
                Set.of(a), (replicaId, backendId) -> OptionalLong.empty(), OptionalDouble.of(MIB));

        assertThat(result.destinations()).singleElement().satisfies(destination -> {
            assertThat(destination.backend().id()).isEqualTo(d);
            assertThat(destination.bytes()).isEmpty();
            assertThat(destination.availBytesAfter()).isEmpty();
        });
        assertThat(result.summary().bytes()).isEmpty();
        assertThat(result.summary().unknownSizes()).isEqualTo(1);
        assertThat(result.summary().estimatedSeconds()).isEmpty();
    }
}
