package io.tessera.fe.meta;

/**
 * Hands out ids during the generation of one write. The ids become real only when the batch that
 * carries its watermark is applied; a write that fails hands out nothing. Not thread-safe: used by
 * one write on the writer's thread.
 */
public final class IdAllocator {
    private final long firstId;
    private long nextId;

    IdAllocator(long firstId) {
        this.firstId = firstId;
        this.nextId = firstId;
    }

    public long allocate() {
        return nextId++;
    }

    boolean allocatedAny() {
        return nextId != firstId;
    }

    long nextId() {
        return nextId;
    }
}
