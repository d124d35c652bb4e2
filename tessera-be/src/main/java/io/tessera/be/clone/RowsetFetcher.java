package io.tessera.be.clone;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.tessera.be.storage.BackendFailure;
import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.tablet.ReplicaLayout;
import io.tessera.proto.backend.BackendServiceGrpc.BackendServiceBlockingStub;
import io.tessera.proto.backend.FetchRowsetsRequest;
import io.tessera.proto.backend.RowsetChunk;
import io.tessera.proto.backend.RowsetsHeader;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.tablet.RowsetMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One FetchRowsets call to a source backend, written into a clone's staging folder: reads the
 * header, checks that its file names are plain rowset file names, then receives every file whole,
 * in the header's order, through a {@link StagedFile} that verifies its size and CRC-32C and
 * fsyncs it; the folder is fsynced at the end. A header marked {@code whole_replica} clears the
 * folder first (the source's rowsets replace what was fetched before). The stream is read through
 * a blocking stub, which asks for one message at a time: the source never gets ahead of the disk.
 * When the fetch fails, the call is cancelled and the files written so far stay for the caller to
 * remove with the folder.
 *
 * <p>Threading: stateless; each fetch runs on the calling worker thread.
 */
final class RowsetFetcher {
    /**
     * Asked of the source (whatever its default): chunks below half a G1 region (1 MiB here) are
     * parsed into ordinary young-generation arrays, not humongous ones.
     */
    static final int CHUNK_BYTES = 256 << 10;

    /**
     * @param afterVersion  fetch the rowsets of versions after this one; 0 for the whole replica
     * @param timeoutNanos  the longest the call may take
     * @return the header of what was fetched (now in {@code folder}, verified and fsynced)
     */
    RowsetsHeader fetch(BackendServiceBlockingStub stub, long tabletId, long sourceReplicaId, long afterVersion,
                        Path folder, long timeoutNanos) throws IOException {
        return fetch(stub, tabletId, sourceReplicaId, afterVersion, false, folder, timeoutNanos);
    }

    /**
     * Like {@link #fetch(BackendServiceBlockingStub, long, long, long, Path, long)}; with
     * {@code allowOverlap} the first rowset may also hold versions at or before {@code afterVersion}
     * (merged by compaction on the source) instead of the whole replica being sent.
     */
    RowsetsHeader fetch(BackendServiceBlockingStub stub, long tabletId, long sourceReplicaId, long afterVersion,
                        boolean allowOverlap, Path folder, long timeoutNanos) throws IOException {
        if (timeoutNanos <= 0) {
            throw new BackendFailure(StatusCode.INTERNAL, "clone of tablet " + tabletId + " timed out");
        }
        FetchRowsetsRequest request = FetchRowsetsRequest.newBuilder().setTabletId(tabletId)
                .setReplicaId(sourceReplicaId).setAfterVersion(afterVersion).setAllowOverlap(allowOverlap)
                .setChunkBytes(CHUNK_BYTES).build();
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        try {
            Iterator<RowsetChunk> chunks = stub.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS)
                    .fetchRowsets(request);
            return receive(chunks, tabletId, folder);
        } catch (StatusRuntimeException e) {
            throw new BackendFailure(StatusCode.INTERNAL, "clone of tablet " + tabletId + ": fetching from replica "
                    + sourceReplicaId + " failed: " + e.getStatus());
        } finally {
            call.detach(previous);
            call.cancel(null);
        }
    }

    private static RowsetsHeader receive(Iterator<RowsetChunk> chunks, long tabletId, Path folder) throws IOException {
        RowsetsHeader header = next(chunks, tabletId).getHeader();
        checkNames(header, tabletId);
        if (header.getWholeReplica()) {
            CloneStaging.clear(folder);
        }
        for (RowsetMeta rowset : header.getRowsetsList()) {
            try (StagedFile staged = StagedFile.open(folder, rowset)) {
                do {
                    RowsetChunk chunk = next(chunks, tabletId);
                    if (!chunk.getFileName().equals(rowset.getFileName())) {
                        throw new BackendFailure(StatusCode.CORRUPTED, "clone of tablet " + tabletId + ": got bytes of "
                                + chunk.getFileName() + " while " + rowset.getFileName() + " was incomplete");
                    }
                    staged.append(chunk.getOffset(), chunk.getData().asReadOnlyByteBuffer());
                } while (!staged.complete());
                staged.finish();
            }
        }
        if (chunks.hasNext()) {
            next(chunks, tabletId);
            throw new BackendFailure(StatusCode.CORRUPTED, "clone of tablet " + tabletId
                    + ": the source sent more than its header announced");
        }
        DurableFiles.syncDirectory(folder);
        return header;
    }

    /** The next message, failing on the end of the stream or a message with an error status. */
    private static RowsetChunk next(Iterator<RowsetChunk> chunks, long tabletId) {
        if (!chunks.hasNext()) {
            throw new BackendFailure(StatusCode.INTERNAL, "clone of tablet " + tabletId
                    + ": the source ended the stream early");
        }
        RowsetChunk chunk = chunks.next();
        if (chunk.hasStatus() && (chunk.getStatus().getCode() != StatusCode.OK
                || !chunk.getStatus().getErrorMessage().isEmpty())) {
            StatusCode code = chunk.getStatus().getCode() == StatusCode.OK ? StatusCode.INTERNAL
                    : chunk.getStatus().getCode();
            throw new BackendFailure(code, "clone of tablet " + tabletId + ": the source failed: "
                    + chunk.getStatus().getErrorMessage());
        }
        return chunk;
    }

    private static void checkNames(RowsetsHeader header, long tabletId) {
        Set<String> seen = new HashSet<>();
        for (RowsetMeta rowset : header.getRowsetsList()) {
            String name = rowset.getFileName();
            boolean plain = !name.isEmpty() && !name.startsWith(".") && name.indexOf('/') < 0
                    && name.indexOf('\\') < 0 && name.endsWith(ReplicaLayout.ROWSET_SUFFIX);
            if (!plain || !seen.add(name)) {
                throw new BackendFailure(StatusCode.CORRUPTED, "clone of tablet " + tabletId
                        + ": the source announced a bad rowset file name '" + name + "'");
            }
        }
    }
}
