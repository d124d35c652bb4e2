package io.tessera.fe.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.session.SystemVariables;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.RegisterBackendRecord;
import io.tessera.proto.journal.SetGlobalVariableRecord;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayDispatcherTest {
    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry backends = new BackendRegistry();
    private final Catalog catalog = new Catalog();
    private final SystemVariables variables = new SystemVariables(ZoneOffset.UTC);
    private final ReplayDispatcher dispatcher = new ReplayDispatcher(java.util.List.of(ids, backends, catalog, variables));

    @Test
    void appliesEveryRecordOfABatch() {
        dispatcher.replay(batch(10_002, register(10_000, "127.0.0.1"), database(10_001, "db1")));

        assertThat(ids.nextId()).isEqualTo(10_002);
        assertThat(backends.snapshot().backend(10_000)).isPresent();
        assertThat(catalog.snapshot().database("db1")).isPresent();
    }

    @Test
    void aBatchThatBreaksAnInvariantHalfwayLeavesNothingBehind() {
        dispatcher.replay(batch(10_001, database(10_000, "db1")));

        // The backend and the watermark come first; the duplicate database breaks the batch.
        assertThatThrownBy(() -> dispatcher.replay(batch(10_010, register(10_005, "127.0.0.1"),
                database(10_006, "db2"), queryTimeout("60"), database(10_007, "db1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("db1");

        // Ids of a failed batch may name replicas on backends already: never handed out again.
        assertThat(ids.nextId()).isEqualTo(10_010);
        assertThat(backends.snapshot().backends()).isEmpty();
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("db1");
        assertThat(variables.globalValue(variables.definitionOrThrow("query_timeout"))).isEqualTo(900L);

        // The state still takes the next batch.
        dispatcher.replay(batch(10_003, database(10_002, "db2")));
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("db1", "db2");
    }

    private static JournalBatch batch(long nextId, JournalRecord... records) {
        JournalBatch.Builder batch = JournalBatch.newBuilder().addRecords(JournalRecord.newBuilder()
                .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)));
        for (JournalRecord record : records) {
            batch.addRecords(record);
        }
        return batch.build();
    }

    private static JournalRecord register(long id, String host) {
        return JournalRecord.newBuilder().setRegisterBackend(RegisterBackendRecord.newBuilder()
                .setBackendId(id).setHost(host).setHeartbeatPort(9050)).build();
    }

    private static JournalRecord database(long id, String name) {
        return JournalRecord.newBuilder().setCreateDatabase(CreateDatabaseRecord.newBuilder()
                .setDatabaseId(id).setName(name).setCreateTimeMs(1)).build();
    }

    @Test
    void setGlobalIsReplayedInTheVariablesType() {
        dispatcher.replay(batch(10_000, queryTimeout("600")));

        assertThat(variables.globalValue(variables.definitionOrThrow("query_timeout"))).isEqualTo(600L);
        assertThat(dispatcher.capture().part(SystemVariables.GlobalsImage.class).globals()).extracting(SetGlobalVariableRecord::getName)
                .containsExactly("query_timeout");
    }

    @Test
    void aJournaledVariableThisVersionDoesNotKnowIsSkipped() {
        dispatcher.replay(batch(10_000, JournalRecord.newBuilder().setSetGlobalVariable(
                SetGlobalVariableRecord.newBuilder().setName("no_such_variable").setValue("1")).build()));

        assertThat(variables.globalImage()).isEmpty();
    }

    private static JournalRecord queryTimeout(String value) {
        return JournalRecord.newBuilder().setSetGlobalVariable(SetGlobalVariableRecord.newBuilder()
                .setName("query_timeout").setValue(value)).build();
    }
}
