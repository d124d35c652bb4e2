package io.tessera.fe.journal;

import io.tessera.common.Clock;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.JournalBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata journal: each committed log entry is one serialized
 * {@link JournalBatch}, applied as a whole through the {@link ReplayDispatcher}, the one place
 * records change the FE's hard state.
 *
 * <p>Snapshots (Doris's images): at start, {@link #initialize} loads the newest snapshot file that
 * reads back whole (see {@link SnapshotStore}) and reports its term-index, so Ratis replays only
 * the entries after it; it refuses to start when the log no longer holds what the snapshots miss
 * ({@link LogCoverageCheck}). While running, when the {@link SnapshotPolicy} says so, the apply
 * thread captures an immutable image of the state as of the entry just applied and hands it to
 * the {@link SnapshotWriter}, which serializes and fsyncs it on its own thread and then has the
 * log behind the older retained snapshot purged. Ratis's own snapshot trigger stays off.
 *
 * <p>Threading: Ratis calls {@link #applyTransaction} from its single state-machine updater thread,
 * in log order; the returned future is complete when the state is updated, and only then does the
 * client's reply go out. {@link #getLatestSnapshot} is read from any thread (a volatile field).
 */
final class JournalStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStateMachine.class);

    private final ReplayDispatcher dispatcher;
    private final SnapshotPolicy policy;
    private final Clock clock;
    private volatile SnapshotWriter writer;
    private volatile SnapshotInfo latestSnapshot;

    JournalStateMachine(ReplayDispatcher dispatcher, SnapshotConfig config, Clock clock) {
        this.dispatcher = dispatcher;
        this.policy = new SnapshotPolicy(config, clock);
        this.clock = clock;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(server, groupId, storage);
        SnapshotStore store = new SnapshotStore(storage.getStorageDir().getStateMachineDir().toPath());
        long startNs = clock.monotonicNanos();
        List<String> rejected = new ArrayList<>();
        Optional<SnapshotStore.Loaded> applied = Optional.empty();
        while (applied.isEmpty()) {
            SnapshotStore.Selection selection = store.loadNewestValid();
            rejected.addAll(selection.rejected());
            if (selection.loaded().isEmpty()) {
                break;
            }
            try {
                dispatcher.replaySnapshot(selection.loaded().get().contents().records());
                applied = selection.loaded();
            } catch (RuntimeException e) {
                // Whole on disk, yet its records contradict each other: the state is back to empty;
                // set the file aside and try the previous one, as for a damaged file.
                rejected.add(store.setAside(selection.loaded().get().file(),
                        "its records do not replay: " + e.getMessage()));
            }
        }
        long snapshotIndex = applied.map(loaded -> loaded.file().index()).orElse(-1L);
        LogCoverageCheck.requireCovered(storage.getStorageDir().getCurrentDir().toPath(), snapshotIndex, rejected);
        if (applied.isPresent()) {
            SnapshotStore.Loaded loaded = applied.get();
            setLastAppliedTermIndex(TermIndex.valueOf(loaded.file().term(), loaded.file().index()));
            latestSnapshot = info(loaded.file());
            LOG.info("loaded metadata snapshot {} ({} records) in {} ms; the journal replays the entries after "
                    + "index {}", loaded.file().path(), loaded.contents().records().size(),
                    (clock.monotonicNanos() - startNs) / 1_000_000, loaded.file().index());
        }
        writer = new SnapshotWriter(store, file -> latestSnapshot = info(file), this::purgeLogUpTo, clock);
    }

    @Override
    public void reinitialize() throws IOException {
        // Called after a snapshot was installed from a leader; a single-peer group never gets one.
        // Replacing the live state wholesale comes with the three-FE group.
        throw new IOException("installing a metadata snapshot from another FE is not supported yet");
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        JournalBatch batch;
        try {
            batch = JournalBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().toByteArray());
            dispatcher.replay(batch);
        } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
            LOG.error("journal entry {} could not be applied", entry.getIndex(), e);
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.failedFuture(e);
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        maybeSnapshot(entry, batch.getRecordsCount());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** On the apply thread, right after {@code entry}: the captured image is the state as of it. */
    private void maybeSnapshot(LogEntryProto entry, int records) {
        if (policy.recordApplied(records)
                && writer.maybeStart(entry.getTerm(), entry.getIndex(), dispatcher.capture())) {
            policy.snapshotStarted();
        }
    }

    private void purgeLogUpTo(long index) {
        try {
            getServer().join().getDivision(getGroupId()).getRaftLog().purge(index).whenComplete((purged, e) -> {
                if (e == null) {
                    LOG.info("metadata journal purged up to index {}", purged);
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot purge the metadata journal up to index {}", index, e);
        }
    }

    private static SnapshotInfo info(SnapshotStore.SnapshotFile file) {
        return new SingleFileSnapshotInfo(new FileInfo(file.path(), null), file.term(), file.index());
    }

    @Override
    public void close() throws IOException {
        SnapshotWriter current = writer;
        if (current != null) {
            current.close();
        }
        super.close();
    }
}
