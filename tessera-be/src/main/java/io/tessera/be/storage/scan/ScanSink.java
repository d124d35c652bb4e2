package io.tessera.be.storage.scan;

import io.tessera.proto.data.RowBatch;

/** Where a scan's result batches go (the gRPC stream, or a list in tests). */
@FunctionalInterface
public interface ScanSink {
    /**
     * Takes one result batch; may block until the receiver has room.
     *
     * @param rowsRead rows read from files (before filtering) since the previous batch
     * @return false when the receiver is gone, which ends the scan quietly
     */
    boolean send(RowBatch batch, long rowsRead);
}
