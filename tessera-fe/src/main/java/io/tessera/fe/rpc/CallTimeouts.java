package io.tessera.fe.rpc;

/**
 * How long each kind of FE→BE call may take once sent, when its caller sets no deadline of its
 * own (CREATE TABLE does: see {@link BackendCalls#createTablets}).
 */
public record CallTimeouts(long dropTabletMs, long writeRowsMs, long publishVersionMs, long abortTransactionMs,
                           long scanMs) {
    public static final CallTimeouts DEFAULT = new CallTimeouts(30_000, 60_000, 60_000, 10_000, 300_000);
}
