package io.tessera.fe.catalog;

import static io.tessera.fe.catalog.TabletShapes.BackendKind.ALIVE;
import static io.tessera.fe.catalog.TabletShapes.BackendKind.DEAD;
import static io.tessera.fe.catalog.TabletShapes.BackendKind.DEAD_DECOMMISSIONED;
import static io.tessera.fe.catalog.TabletShapes.BackendKind.DECOMMISSIONED;
import static io.tessera.fe.catalog.TabletShapes.BackendKind.DROPPED;
import static io.tessera.fe.catalog.TabletShapes.ReplicaKind.BEHIND;
import static io.tessera.fe.catalog.TabletShapes.ReplicaKind.FAILED;
import static io.tessera.fe.catalog.TabletShapes.ReplicaKind.UNREADABLE;
import static io.tessera.fe.catalog.TabletShapes.replica;
import static io.tessera.fe.catalog.TabletShapes.shape;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.TabletHealth.Priority;
import io.tessera.fe.catalog.TabletHealth.Status;
import io.tessera.fe.catalog.TabletShapes.Replica;
import io.tessera.proto.journal.ReplicaDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each status and priority of the classifier, one row per situation. */
class TabletHealthTest {
    record Row(String situation, int replicationNum, List<Replica> replicas, Status status, Priority priority) {
        @Override
        public String toString() {
            return situation;
        }
    }

    static Stream<Row> situations() {
        return Stream.of(
                new Row("three complete replicas on alive backends", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE)), Status.HEALTHY, Priority.NORMAL),
                new Row("one replica, replication 1", 1, List.of(replica(ALIVE)), Status.HEALTHY, Priority.NORMAL),
                new Row("one of three on a dead backend", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(DEAD)), Status.REPLICA_MISSING, Priority.NORMAL),
                new Row("two of three on dead backends: below a majority", 3,
                        List.of(replica(ALIVE), replica(DEAD), replica(DEAD)), Status.REPLICA_MISSING,
                        Priority.VERY_HIGH),
                new Row("one of three on a dropped backend", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(DROPPED)), Status.REPLICA_MISSING,
                        Priority.NORMAL),
                new Row("a bad or missing replica counts as absent", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE, UNREADABLE)), Status.REPLICA_MISSING,
                        Priority.NORMAL),
                new Row("two replicas of three placed", 3, List.of(replica(ALIVE), replica(ALIVE)),
                        Status.REPLICA_MISSING, Priority.NORMAL),
                new Row("one replica behind", 3, List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE, BEHIND)),
                        Status.VERSION_INCOMPLETE, Priority.NORMAL),
                new Row("one replica with a failed version", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE, FAILED)), Status.VERSION_INCOMPLETE,
                        Priority.NORMAL),
                new Row("two replicas behind: below a majority", 3,
                        List.of(replica(ALIVE), replica(ALIVE, BEHIND), replica(ALIVE, FAILED)),
                        Status.VERSION_INCOMPLETE, Priority.HIGH),
                new Row("one replica on a decommissioned backend", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(DECOMMISSIONED)), Status.REPLICA_RELOCATING,
                        Priority.LOW),
                new Row("two replicas on decommissioned backends: below a majority", 3,
                        List.of(replica(ALIVE), replica(DECOMMISSIONED), replica(DECOMMISSIONED)),
                        Status.REPLICA_RELOCATING, Priority.NORMAL),
                new Row("single replica on a decommissioned backend", 1, List.of(replica(DECOMMISSIONED)),
                        Status.REPLICA_RELOCATING, Priority.NORMAL),
                new Row("four complete replicas of three", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE), replica(ALIVE)), Status.REDUNDANT,
                        Priority.VERY_HIGH),
                new Row("a clone done off a decommissioned backend: redundant before relocating", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(DECOMMISSIONED), replica(DECOMMISSIONED)),
                        Status.REDUNDANT, Priority.VERY_HIGH),
                new Row("a fourth replica on a dead backend", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE), replica(DEAD)), Status.REDUNDANT,
                        Priority.VERY_HIGH),
                new Row("a fourth replica on a dropped backend", 3,
                        List.of(replica(ALIVE), replica(ALIVE), replica(ALIVE), replica(DROPPED)), Status.REDUNDANT,
                        Priority.VERY_HIGH),
                new Row("single replica on a dropped backend", 1, List.of(replica(DROPPED)), Status.LOST,
                        Priority.VERY_HIGH),
                new Row("every replica on dropped backends", 3,
                        List.of(replica(DROPPED), replica(DROPPED), replica(DROPPED)), Status.LOST, Priority.VERY_HIGH),
                new Row("no replica at all", 1, List.of(), Status.LOST, Priority.VERY_HIGH),
                new Row("single replica on a dead backend", 1, List.of(replica(DEAD)), Status.UNAVAILABLE,
                        Priority.VERY_HIGH),
                new Row("single replica on a dead decommissioned backend", 1, List.of(replica(DEAD_DECOMMISSIONED)),
                        Status.UNAVAILABLE, Priority.VERY_HIGH),
                new Row("complete on a dead backend, the rest dropped or behind", 3,
                        List.of(replica(DEAD), replica(DROPPED), replica(ALIVE, BEHIND)), Status.UNAVAILABLE,
                        Priority.VERY_HIGH),
                new Row("complete only on a dropped backend, the alive ones behind", 3,
                        List.of(replica(DROPPED), replica(ALIVE, BEHIND), replica(ALIVE, FAILED)),
                        Status.UNRECOVERABLE, Priority.VERY_HIGH),
                new Row("the only complete replica is bad", 1, List.of(replica(ALIVE, UNREADABLE)),
                        Status.UNRECOVERABLE, Priority.VERY_HIGH),
                new Row("behind on a dead backend is not unavailable", 1, List.of(replica(DEAD, BEHIND)),
                        Status.UNRECOVERABLE, Priority.VERY_HIGH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void classifies(Row row) {
        TabletHealth health = shape(row.replicationNum(), row.replicas(), List.of(ALIVE, ALIVE, ALIVE)).classify();

        assertThat(health).isEqualTo(new TabletHealth(row.status(), row.priority()));
        assertThat(health.status().unrecoverable())
                .isEqualTo(Stream.of(Status.LOST, Status.UNAVAILABLE, Status.UNRECOVERABLE)
                        .anyMatch(s -> s == row.status()));
    }

    @Test
    void lostUnavailableAndUnrecoverableAllShowAsDorissUnrecoverable() {
        assertThat(Stream.of(Status.values()).map(Status::dorisName)).containsExactly("HEALTHY", "REPLICA_MISSING",
                "VERSION_INCOMPLETE", "REPLICA_RELOCATING", "REDUNDANT", "UNRECOVERABLE", "UNRECOVERABLE",
                "UNRECOVERABLE");
    }

    @Test
    void versionCompleteNeedsTheVisibleVersionNoFailedVersionAndAReadableReplica() {
        ReplicaDefinition complete = ReplicaDefinition.newBuilder().setReplicaId(1).setBackendId(2).setVersion(5)
                .setLastFailedVersion(-1).build();
        assertThat(TabletHealth.versionComplete(complete, 5, UnreadableReplicas.NONE)).isTrue();
        assertThat(TabletHealth.versionComplete(complete, 4, UnreadableReplicas.NONE)).isTrue();
        assertThat(TabletHealth.versionComplete(complete, 6, UnreadableReplicas.NONE)).isFalse();
        assertThat(TabletHealth.versionComplete(complete.toBuilder().clearLastFailedVersion().build(), 5,
                UnreadableReplicas.NONE)).as("an unset failed version is none").isTrue();
        assertThat(TabletHealth.versionComplete(complete.toBuilder().setLastFailedVersion(3).build(), 5,
                UnreadableReplicas.NONE)).isFalse();
        assertThat(TabletHealth.versionComplete(complete, 5, (replica, backend) -> replica == 1)).isFalse();
    }
}
