package io.tessera.fe.journal;

import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.proto.journal.JournalBatch;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata journal: each committed log entry is one serialized
 * {@link JournalBatch}, applied as a whole through the {@link ReplayDispatcher}, the one place
 * records change the FE's hard state. Ratis calls it for new entries and, at start, for every entry
 * of the log (no snapshots yet), which is how a restarted FE recovers its metadata.
 *
 * <p>Threading: Ratis calls {@link #applyTransaction} from its single state-machine updater thread,
 * in log order; the returned future is complete when the state is updated, and only then does the
 * client's reply go out.
 */
final class JournalStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStateMachine.class);

    private final ReplayDispatcher dispatcher;

    JournalStateMachine(ReplayDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        try {
            JournalBatch batch = JournalBatch.parseFrom(
                    entry.getStateMachineLogEntry().getLogData().toByteArray());
            dispatcher.replay(batch);
            return CompletableFuture.completedFuture(Message.EMPTY);
        } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
            LOG.error("journal entry {} could not be applied", entry.getIndex(), e);
            return CompletableFuture.failedFuture(e);
        } finally {
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        }
    }
}
