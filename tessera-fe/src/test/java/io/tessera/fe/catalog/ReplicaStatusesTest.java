package io.tessera.fe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.ReplicaStatusRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaStatusesTest {
    private static JournalRecord mark(long replicaId, long backendId, boolean bad) {
        return JournalRecord.newBuilder().setReplicaStatus(ReplicaStatusRecord.newBuilder().setTabletId(1)
                .setReplicaId(replicaId).setBackendId(backendId).setBad(bad)).build();
    }

    @Test
    void marksAreBatchedClearedAndSnapshotted() {
        ReplicaStatuses statuses = new ReplicaStatuses();
        statuses.beginBatch();
        statuses.replay(mark(11, 101, true));
        statuses.replay(mark(12, 102, true));
        assertThat(statuses.snapshot().bad(11, 101)).isFalse();
        statuses.publishBatch();
        assertThat(statuses.snapshot().bad(11, 101)).isTrue();
        assertThat(statuses.snapshot().bad(11, 102)).isFalse();

        statuses.beginBatch();
        statuses.replay(mark(12, 102, false));
        statuses.publishBatch();
        assertThat(statuses.snapshot().bad(12, 102)).isFalse();
        assertThat(statuses.snapshot().byReplica()).containsOnlyKeys(11L);

        List<SnapshotRecord> records = new ArrayList<>();
        statuses.capture().forEachRecord(records::add);
        ReplicaStatuses restored = new ReplicaStatuses();
        restored.beginBatch();
        records.forEach(restored::loadSnapshotRecord);
        restored.finishSnapshotLoad();
        restored.publishBatch();
        assertThat(restored.snapshot()).isEqualTo(statuses.snapshot());
    }
}
