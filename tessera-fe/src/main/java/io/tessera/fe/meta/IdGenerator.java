package io.tessera.fe.meta;

import io.tessera.proto.journal.IdWatermarkRecord;

/**
 * The one id generator for every catalog object (backends now; databases, tables, partitions,
 * tablets and replicas later), starting at 10000 as in Doris. Hard state: the generator moves only
 * by replaying {@link IdWatermarkRecord}s, which the metadata writer adds to every batch that
 * allocated ids.
 *
 * <p>Threading: replayed on the journal's apply thread, read on the metadata writer's thread
 * (after the batch it waited for was applied); the field is volatile so the read sees the replay.
 */
public final class IdGenerator {
    public static final long FIRST_ID = 10_000L;

    private volatile long nextId = FIRST_ID;

    /** The smallest id never handed out. */
    public long nextId() {
        return nextId;
    }

    public void replay(IdWatermarkRecord record) {
        nextId = Math.max(nextId, record.getNextId());
    }
}
