package io.tessera.fe.meta;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.session.SystemVariables;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.CreateDatabaseRecord;
import io.tessera.proto.journal.CreateTableRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import io.tessera.proto.journal.UsedLabelsRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies journal records to the FE's hard state: the single place that routes each record type
 * to the {@code replay} method that owns it. Start-up recovery, followers and the leader all go
 * through here. A metadata snapshot is loaded through here too ({@link #replaySnapshot}), and
 * captured ({@link #capture}) from the same objects.
 *
 * <p>Threading: called by one thread at a time (the journal's apply thread).
 */
public final class ReplayDispatcher {
    private final IdGenerator idGenerator;
    private final BackendRegistry backends;
    private final Catalog catalog;
    private final SystemVariables variables;

    public ReplayDispatcher(IdGenerator idGenerator, BackendRegistry backends, Catalog catalog,
                            SystemVariables variables) {
        this.idGenerator = idGenerator;
        this.backends = backends;
        this.catalog = catalog;
        this.variables = variables;
    }

    /**
     * Applies a batch (one statement's records) whole or not at all: readers see none of it until
     * every record is applied, and a record that breaks an invariant discards the batch, then
     * throws, so no statement is ever half-applied or half-visible, at run time or when the journal
     * is replayed at start. The id generator is the
     * exception: it keeps the batch's watermark, because the ids may already name replicas on
     * backends (created before their table was journaled) and must never be handed out again.
     */
    public void replay(JournalBatch batch) {
        beginBatch();
        try {
            for (JournalRecord record : batch.getRecordsList()) {
                replay(record);
            }
        } catch (RuntimeException e) {
            discardBatch();
            throw e;
        }
        publishBatch();
    }

    /** From here until publish or discard, replays change working copies that readers do not see. */
    private void beginBatch() {
        catalog.beginBatch();
        backends.beginBatch();
        variables.beginBatch();
    }

    private void publishBatch() {
        catalog.publishBatch();
        backends.publishBatch();
        variables.publishBatch();
    }

    private void discardBatch() {
        catalog.discardBatch();
        backends.discardBatch();
        variables.discardBatch();
    }

    public void replay(JournalRecord record) {
        switch (record.getPayloadCase()) {
            case ID_WATERMARK -> idGenerator.replay(record.getIdWatermark());
            case REGISTER_BACKEND -> backends.replay(record.getRegisterBackend());
            case DROP_BACKEND -> backends.replay(record.getDropBackend());
            case SET_BACKEND_DECOMMISSION -> backends.replay(record.getSetBackendDecommission());
            case MODIFY_BACKEND -> backends.replay(record.getModifyBackend());
            case CREATE_DATABASE -> catalog.replay(record.getCreateDatabase());
            case DROP_DATABASE -> catalog.replay(record.getDropDatabase());
            case CREATE_TABLE -> catalog.replay(record.getCreateTable());
            case DROP_TABLE -> catalog.replay(record.getDropTable());
            case COMMIT_TRANSACTION -> catalog.replay(record.getCommitTransaction());
            case FINISH_TRANSACTION -> catalog.replay(record.getFinishTransaction());
            case ABORT_TRANSACTION -> catalog.replay(record.getAbortTransaction());
            case ADD_PARTITION -> catalog.replay(record.getAddPartition());
            case DROP_PARTITION -> catalog.replay(record.getDropPartition());
            case SET_GLOBAL_VARIABLE -> variables.replay(record.getSetGlobalVariable());
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("journal record without payload");
        }
    }

    /** The state as of the last applied record; call it on the apply thread for a consistent image. */
    public MetadataImage capture() {
        return new MetadataImage(catalog.snapshot(), backends.snapshot(), idGenerator.nextId(),
                variables.globalImage());
    }

    /**
     * Loads a metadata snapshot's records into the fresh state of a starting FE, whole or not at
     * all: records that contradict each other leave the state as it was (empty), then throw, so the
     * caller can try an older snapshot. (The id generator keeps any watermark it read: a higher
     * watermark never harms.)
     */
    public void replaySnapshot(Iterable<SnapshotRecord> records) {
        beginBatch();
        try {
            loadSnapshot(records);
        } catch (RuntimeException e) {
            discardBatch();
            throw e;
        }
        publishBatch();
    }

    private void loadSnapshot(Iterable<SnapshotRecord> records) {
        List<CreateDatabaseRecord> databases = new ArrayList<>();
        List<CreateTableRecord> tables = new ArrayList<>();
        List<CommitTransactionRecord> committed = new ArrayList<>();
        List<UsedLabelsRecord> labels = new ArrayList<>();
        for (SnapshotRecord record : records) {
            switch (record.getPayloadCase()) {
                case ID_WATERMARK -> idGenerator.replay(record.getIdWatermark());
                case BACKEND -> backends.replay(record.getBackend());
                case DATABASE -> databases.add(record.getDatabase());
                case TABLE -> tables.add(record.getTable());
                case COMMITTED_TRANSACTION -> committed.add(record.getCommittedTransaction());
                case USED_LABELS -> labels.add(record.getUsedLabels());
                case GLOBAL_VARIABLE -> variables.replay(record.getGlobalVariable());
                case PAYLOAD_NOT_SET -> throw new IllegalStateException("snapshot record without payload");
            }
        }
        catalog.replaySnapshot(databases, tables, committed, labels);
    }
}
