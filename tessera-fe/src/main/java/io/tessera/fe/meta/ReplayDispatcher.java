package io.tessera.fe.meta;

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

    public ReplayDispatcher(IdGenerator idGenerator, BackendRegistry backends) {
        this.idGenerator = idGenerator;
        this.backends = backends;
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
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("journal record without payload");
        }
    }
}
