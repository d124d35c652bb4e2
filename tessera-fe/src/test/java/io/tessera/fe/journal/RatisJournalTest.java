package io.tessera.fe.journal;

import java.time.ZoneOffset;
import io.tessera.fe.session.SystemVariables;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.RegisterBackendRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatisJournalTest {
    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Fresh state objects, as a restarted FE has them. */
    private record State(IdGenerator ids, BackendRegistry backends, Catalog catalog) {
        State() {
            this(new IdGenerator(), new BackendRegistry(), new Catalog());
        }

        ReplayDispatcher dispatcher() {
            return new ReplayDispatcher(java.util.List.of(ids, backends, catalog, new SystemVariables(ZoneOffset.UTC)));
        }
    }

    @Test
    void appliedBatchesAreVisibleAtOnceAndRecoveredByReplayAfterRestart() throws Exception {
        InetAddress address = InetAddress.getLoopbackAddress();
        int port = freePort(address);
        Path storage = dir.resolve("ratis");

        State first = new State();
        try (RatisJournal journal = RatisJournal.open(first.dispatcher(), storage, address, port, READY)) {
            journal.append(batch(watermark(10_002), JournalRecord.newBuilder().setRegisterBackend(
                    RegisterBackendRecord.newBuilder().setBackendId(10_000).setHost("127.0.0.1")
                            .setHeartbeatPort(9050)).build())).join();
            // The future completes after the state machine applied the batch.
            assertThat(first.backends().snapshot().backend(10_000)).isPresent();
            journal.append(batch(watermark(10_003), JournalRecord.newBuilder().setCreateDatabase(
                    CreateDatabaseRecord.newBuilder().setDatabaseId(10_002).setName("sales")
                            .setCreateTimeMs(1)).build())).join();
            assertThat(first.catalog().snapshot().database("sales")).isPresent();
        }

        State second = new State();
        long startNs = System.nanoTime();
        try (RatisJournal journal = RatisJournal.open(second.dispatcher(), storage, address, port, READY)) {
            long openMs = (System.nanoTime() - startNs) / 1_000_000;
            assertThat(second.backends().snapshot().backends()).extracting(Backend::id).containsExactly(10_000L);
            assertThat(second.catalog().snapshot().database("sales")).hasValueSatisfying(
                    database -> assertThat(database.id()).isEqualTo(10_002L));
            assertThat(second.ids().nextId()).isEqualTo(10_003);
            assertThat(openMs).as("reopen time").isLessThan(5_000);
            // And it keeps accepting writes after recovery.
            journal.append(batch(watermark(10_010))).join();
            assertThat(second.ids().nextId()).isEqualTo(10_010);
        }
    }

    @Test
    void migratesTheOldWatermarkFileOnce() throws Exception {
        InetAddress address = InetAddress.getLoopbackAddress();
        Files.writeString(dir.resolve(IdWatermarkFileMigration.FILE_NAME), "12345\n");
        State state = new State();
        try (RatisJournal journal = RatisJournal.open(state.dispatcher(), dir.resolve("ratis"), address,
                freePort(address), READY)) {
            IdWatermarkFileMigration.migrate(dir, journal);
            assertThat(state.ids().nextId()).isEqualTo(12_345);
        }
        assertThat(dir.resolve(IdWatermarkFileMigration.FILE_NAME)).doesNotExist();
    }

    private static JournalRecord watermark(long nextId) {
        return JournalRecord.newBuilder().setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)).build();
    }

    private static JournalBatch batch(JournalRecord... records) {
        return JournalBatch.newBuilder().addAllRecords(java.util.List.of(records)).build();
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }
}
