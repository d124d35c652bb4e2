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
import io.tessera.proto.journal.SnapshotRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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

    /**
     * A kind of hard state that exists only in this test, to show what adding one takes: the class
     * and one registration. It keeps the SET GLOBAL names it replayed, in order.
     */
    private static final class NamesSeen implements JournaledState {
        private List<String> published = List.of();
        private List<String> working;

        record Image(List<String> names) implements StateImage {
            @Override
            public void forEachRecord(Consumer<SnapshotRecord> sink) {
                for (String name : names) {
                    sink.accept(SnapshotRecord.newBuilder().setGlobalVariable(
                            SetGlobalVariableRecord.newBuilder().setName(name)).build());
                }
            }
        }

        @Override
        public Set<JournalRecord.PayloadCase> journalRecords() {
            return Set.of(JournalRecord.PayloadCase.SET_GLOBAL_VARIABLE);
        }

        @Override
        public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
            return Set.of(SnapshotRecord.PayloadCase.GLOBAL_VARIABLE);
        }

        @Override
        public void replay(JournalRecord record) {
            String name = record.getSetGlobalVariable().getName();
            if (name.isEmpty()) {
                throw new IllegalStateException("a name is needed");
            }
            add(name);
        }

        private void add(String name) {
            List<String> next = new ArrayList<>(working != null ? working : published);
            next.add(name);
            if (working != null) {
                working = next;
            } else {
                published = List.copyOf(next);
            }
        }

        @Override
        public void beginBatch() {
            working = new ArrayList<>(published);
        }

        @Override
        public void publishBatch() {
            published = List.copyOf(working);
            working = null;
        }

        @Override
        public void discardBatch() {
            working = null;
        }

        @Override
        public Image capture() {
            return new Image(published);
        }

        @Override
        public void loadSnapshotRecord(SnapshotRecord record) {
            add(record.getGlobalVariable().getName());
        }
    }

    private static JournalRecord named(String name) {
        return JournalRecord.newBuilder().setSetGlobalVariable(SetGlobalVariableRecord.newBuilder().setName(name))
                .build();
    }

    @Test
    void aNewKindOfHardStateIsOneClassAndOneRegistration() {
        NamesSeen seen = new NamesSeen();
        ReplayDispatcher withIt = new ReplayDispatcher(List.of(new IdGenerator(), seen));

        withIt.replay(batch(10_001, named("a"), named("b")));
        assertThatThrownBy(() -> withIt.replay(batch(10_002, named("c"), named(""))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(seen.capture().names()).as("the broken batch left nothing").containsExactly("a", "b");

        MetadataImage image = withIt.capture();
        List<SnapshotRecord> file = new ArrayList<>();
        image.forEachRecord(file::add);
        NamesSeen restored = new NamesSeen();
        IdGenerator restoredIds = new IdGenerator();
        new ReplayDispatcher(List.of(restoredIds, restored)).replaySnapshot(file);

        assertThat(restored.capture().names()).containsExactly("a", "b");
        assertThat(restoredIds.nextId()).isEqualTo(10_002);
    }

    @Test
    void aRecordKindHasOneOwnerAndARecordNobodyOwnsIsAnInvariantBreak() {
        assertThatThrownBy(() -> new ReplayDispatcher(List.of(variables, new NamesSeen())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SET_GLOBAL_VARIABLE");
        ReplayDispatcher idsOnly = new ReplayDispatcher(List.of(new IdGenerator()));
        assertThatThrownBy(() -> idsOnly.replay(named("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no owner");
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
