package io.tessera.fe.rpc;

import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.CleanTrashResponse;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The FE's one door to the backends' data service ({@code backend.proto}, {@code be_port}): every
 * FE→BE call goes through here, so deadlines, retries, bounds on calls in flight and error
 * translation are decided in one place. Every method returns at once; the future completes when
 * the call has ended. A call that fails, or whose answer's status is not OK, completes the future
 * with a {@link BackendCallException} (PublishVersion excepted: see there). Cancelling a future
 * cancels its call, or keeps it from being sent if it is still waiting for its turn.
 *
 * <p>Threading: implementations are thread-safe; futures complete on the door's callback threads
 * (or the caller's, for calls that fail at once), so what callers chain on them must not block.
 */
public interface BackendCalls {
    /**
     * Creates replicas of one table on one backend; the deadline is the statement's, shared by all
     * its calls. The answer carries one status per replica (a refused one fails only itself), so
     * only a call that failed as a whole fails the future.
     */
    CompletableFuture<CreateTabletsResponse> createTablets(long backendId, CreateTabletsRequest request,
                                                           CallDeadline deadline);

    /** Drops (moves to trash) a replica. */
    CompletableFuture<DropTabletResponse> dropTablet(long backendId, DropTabletRequest request);

    /**
     * Writes one replica's rows of a load as a stream: the messages (header first, eos last) are
     * read when the call starts, so a call waiting for its turn holds no encoded rows.
     */
    CompletableFuture<WriteRowsResponse> writeRows(long backendId, Iterable<WriteRowsRequest> messages);

    /**
     * Publishes a transaction's rowsets on one backend. Its answer is returned even when its status
     * is not OK: it lists the tablets whose publish failed, and the others succeeded.
     */
    CompletableFuture<PublishVersionResponse> publishVersion(long backendId, PublishVersionRequest request);

    /** Drops a transaction's pending rowsets on one backend. */
    CompletableFuture<AbortTransactionResponse> abortTransaction(long backendId, AbortTransactionRequest request);

    /** Empties one backend's trash (ADMIN CLEAN TRASH); the answer says how many bytes it freed. */
    default CompletableFuture<CleanTrashResponse> cleanTrash(long backendId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("CleanTrash"));
    }

    /**
     * Reads a replica: every answer is handed to {@code responses} as it arrives (on a callback
     * thread, one at a time), and the future completes when the stream ends.
     */
    CompletableFuture<Void> scan(long backendId, ScanRequest request, Consumer<ScanResponse> responses);

    /**
     * Asks the DESTINATION backend to clone a replica from the source the request names: the
     * destination pulls the files from the source itself (the FE never relays data), installs them
     * under the request's new replica id and answers with the version it reached. The deadline
     * covers the whole copy (see {@link CloneTimeouts}). Never sent again here: a failed clone is
     * retried by the scheduler, possibly elsewhere.
     */
    CompletableFuture<CloneTabletResponse> cloneTablet(long destinationBackendId, CloneTabletRequest request,
                                                       CallDeadline deadline);
}
