package io.tessera.fe.meta;

import io.tessera.fe.catalog.Catalog;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;

/**
 * Applies journal records to the FE's hard state: the single place that routes each record type
 * to the {@code replay} method that owns it. Start-up recovery, followers and the leader all go
 * through here.
 *
 * <p>Threading: called by one thread at a time (the journal's apply thread).
 */
public final class ReplayDispatcher {
    private final IdGenerator idGenerator;
    private final BackendRegistry backends;
    private final Catalog catalog;

    public ReplayDispatcher(IdGenerator idGenerator, BackendRegistry backends, Catalog catalog) {
        this.idGenerator = idGenerator;
        this.backends = backends;
        this.catalog = catalog;
    }

    public void replay(JournalBatch batch) {
        for (JournalRecord record : batch.getRecordsList()) {
            replay(record);
        }
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
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("journal record without payload");
        }
    }
}
