package io.tessera.fe.meta;

import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalRecord;
import io.tessera.proto.journal.SnapshotRecord;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one id generator for every catalog object (backends, databases, tables, partitions, tablets
 * and replicas), starting at 10000 as in Doris. Hard state: the generator moves only by replaying
 * {@link IdWatermarkRecord}s, which the metadata writer adds to every batch that allocated ids.
 *
 * <p>Unlike the other states it ignores batches: a discarded batch keeps its watermark, because
 * its ids may already name replicas on backends and must never be handed out again (a higher
 * watermark never harms).
 *
 * <p>Threading: replayed on the journal's apply thread, read on the metadata writer's thread
 * (after the batch it waited for was applied); the field is volatile so the read sees the replay.
 */
public final class IdGenerator implements JournaledState {
    public static final long FIRST_ID = 10_000L;

    private volatile long nextId = FIRST_ID;

    /** The id generator's part of a metadata snapshot. */
    public record Image(long nextId) implements StateImage {
        @Override
        public void forEachRecord(Consumer<SnapshotRecord> sink) {
            sink.accept(SnapshotRecord.newBuilder()
                    .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)).build());
        }
    }

    /** The smallest id never handed out. */
    public long nextId() {
        return nextId;
    }

    public void replay(IdWatermarkRecord record) {
        nextId = Math.max(nextId, record.getNextId());
    }

    @Override
    public Set<JournalRecord.PayloadCase> journalRecords() {
        return Set.of(JournalRecord.PayloadCase.ID_WATERMARK);
    }

    @Override
    public Set<SnapshotRecord.PayloadCase> snapshotRecords() {
        return Set.of(SnapshotRecord.PayloadCase.ID_WATERMARK);
    }

    @Override
    public void replay(JournalRecord record) {
        replay(record.getIdWatermark());
    }

    @Override
    public void beginBatch() {
    }

    @Override
    public void publishBatch() {
    }

    @Override
    public void discardBatch() {
    }

    @Override
    public Image capture() {
        return new Image(nextId);
    }

    @Override
    public void loadSnapshotRecord(SnapshotRecord record) {
        replay(record.getIdWatermark());
    }
}
