package io.tessera.be.service;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tessera.be.clone.CloneWorkers;
import io.tessera.be.clone.RowsetSource;
import io.tessera.be.storage.scan.ScanSpec;
import io.tessera.be.storage.scan.TabletScanner;
import io.tessera.be.storage.tablet.ReplicaReadView;
import io.tessera.be.storage.tablet.ReplicaSpec;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.proto.backend.AbortTransactionRequest;
import io.tessera.proto.backend.CleanTrashRequest;
import io.tessera.proto.backend.CleanTrashResponse;
import io.tessera.proto.backend.AbortTransactionResponse;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.CloneTabletRequest;
import io.tessera.proto.backend.CloneTabletResponse;
import io.tessera.proto.backend.CreateTabletsRequest;
import io.tessera.proto.backend.CreateTabletsResponse;
import io.tessera.proto.backend.DropTabletRequest;
import io.tessera.proto.backend.DropTabletResponse;
import io.tessera.proto.backend.FetchRowsetsRequest;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.RowsetChunk;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.backend.TabletToCreate;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * backend.proto's BackendService on {@code be_port}: tablets, loads and scans, over the
 * {@link TabletStore}. Every answer carries a {@code Status}; no call ends with a gRPC error, and
 * unexpected failures are logged with their context (see {@link Failures}). Scans run on the scan
 * executor and follow the client's reading pace. Clones run on the {@link CloneWorkers} (this BE is
 * the destination) and rowset fetches (this BE is a clone's source) on the fetch executor, at the
 * reader's pace; neither holds a gRPC thread.
 *
 * <p>Threading: thread-safe; calls run on gRPC's threads (scans on the scan executor, clones on the
 * clone workers, fetches on the fetch executor).
 */
public final class BackendServiceImpl extends BackendServiceGrpc.BackendServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(BackendServiceImpl.class);

    private final TabletStore store;
    private final TabletScanner scanner;
    private final Executor scanExecutor;
    private final CloneWorkers clones;
    private final RowsetSource rowsetSource;
    private final Executor fetchExecutor;

    /**
     * @param clones        runs clones onto this backend
     * @param rowsetSource  serves this backend's replicas to cloning peers
     * @param fetchExecutor a bounded pool the rowset fetches of peers run on
     */
    public BackendServiceImpl(TabletStore store, TabletScanner scanner, Executor scanExecutor, CloneWorkers clones,
                              RowsetSource rowsetSource, Executor fetchExecutor) {
        this.store = store;
        this.scanner = scanner;
        this.scanExecutor = scanExecutor;
        this.clones = clones;
        this.rowsetSource = rowsetSource;
        this.fetchExecutor = fetchExecutor;
    }

    /**
     * Creates each requested replica on its own, in the request's order: a refused one (a tablet
     * already held under another replica id, a full disk) gets its own status and the others are
     * still created, so the FE knows exactly which replicas may exist.
     */
    @Override
    public void createTablets(CreateTabletsRequest request, StreamObserver<CreateTabletsResponse> response) {
        CreateTabletsResponse.Builder answer = CreateTabletsResponse.newBuilder();
        for (TabletToCreate tablet : request.getTabletsList()) {
            String context = "CreateTablet of tablet " + tablet.getTabletId() + " replica " + tablet.getReplicaId();
            try {
                // An unset version (0) means a new partition's first version.
                long version = tablet.getVersion() == 0 ? 1 : tablet.getVersion();
                store.create(new ReplicaSpec(tablet.getTabletId(), tablet.getReplicaId(), request.getTableId(),
                        tablet.getPartitionId(), request.getSchema(), version));
                answer.addStatuses(Failures.ok());
            } catch (Exception e) {
                answer.addStatuses(Failures.status(e, context, LOG));
            }
        }
        reply(response, answer.build());
    }

    @Override
    public void dropTablet(DropTabletRequest request, StreamObserver<DropTabletResponse> response) {
        String context = "DropTablet of tablet " + request.getTabletId() + " replica " + request.getReplicaId();
        DropTabletResponse.Builder answer = DropTabletResponse.newBuilder();
        try {
            if (!request.getReason().isEmpty()) {
                LOG.info("{}: {}", context, request.getReason());
            }
            if (!store.drop(request.getTabletId(), request.getReplicaId(), request.getOnlyIfIdle())) {
                LOG.info("{}: not held here, nothing to drop", context);
            }
            answer.setStatus(Failures.ok());
        } catch (Exception e) {
            answer.setStatus(Failures.status(e, context, LOG));
        }
        reply(response, answer.build());
    }

    @Override
    public StreamObserver<WriteRowsRequest> writeRows(StreamObserver<WriteRowsResponse> response) {
        return new WriteRowsCall(store, response);
    }

    @Override
    public void publishVersion(PublishVersionRequest request, StreamObserver<PublishVersionResponse> response) {
        PublishVersionResponse.Builder answer = PublishVersionResponse.newBuilder();
        List<String> failures = new ArrayList<>();
        StatusCode firstCode = StatusCode.OK;
        for (TabletVersion tablet : request.getTabletsList()) {
            String context = "PublishVersion of transaction " + request.getTransactionId() + " as version "
                    + tablet.getVersion() + " of tablet " + tablet.getTabletId() + " replica " + tablet.getReplicaId();
            try {
                store.publish(request.getTransactionId(), tablet.getTabletId(), tablet.getReplicaId(),
                        tablet.getVersion());
            } catch (Exception e) {
                String message = Failures.describe(e, context, LOG);
                LOG.warn("{} failed: {}", context, message);
                if (firstCode == StatusCode.OK) {
                    firstCode = Failures.code(e);
                }
                answer.addFailedTabletIds(tablet.getTabletId());
                failures.add(message);
            }
        }
        answer.setStatus(failures.isEmpty() ? Failures.ok() : Failures.status(firstCode, "publish of transaction "
                + request.getTransactionId() + " failed on " + failures.size() + " of "
                + request.getTabletsCount() + " tablets: " + String.join("; ", failures)));
        reply(response, answer.build());
    }

    @Override
    public void abortTransaction(AbortTransactionRequest request,
                                 StreamObserver<AbortTransactionResponse> response) {
        String context = "AbortTransaction of transaction " + request.getTransactionId();
        AbortTransactionResponse.Builder answer = AbortTransactionResponse.newBuilder();
        try {
            int dropped = store.abort(request.getTransactionId());
            LOG.debug("{}: dropped {} pending rowsets", context, dropped);
            answer.setStatus(Failures.ok());
        } catch (Exception e) {
            answer.setStatus(Failures.status(e, context, LOG));
        }
        reply(response, answer.build());
    }

    @Override
    public void cleanTrash(CleanTrashRequest request, StreamObserver<CleanTrashResponse> response) {
        CleanTrashResponse.Builder answer = CleanTrashResponse.newBuilder();
        try {
            long freed = store.cleanTrash();
            LOG.info("CleanTrash: freed {} bytes of trash", freed);
            answer.setStatus(Failures.ok()).setFreedBytes(freed);
        } catch (Exception e) {
            answer.setStatus(Failures.status(e, "CleanTrash", LOG));
        }
        reply(response, answer.build());
    }

    @Override
    public void scan(ScanRequest request, StreamObserver<ScanResponse> response) {
        FlowControlledStream<ScanResponse> stream =
                new FlowControlledStream<>((ServerCallStreamObserver<ScanResponse>) response);
        String context = "Scan of tablet " + request.getTabletId() + " replica " + request.getReplicaId()
                + " at version " + request.getVersion();
        try {
            scanExecutor.execute(() -> runScan(request, stream, context));
        } catch (RejectedExecutionException e) {
            stream.finish(error(StatusCode.SHUTTING_DOWN, context + ": the backend is shutting down"));
        }
    }

    private void runScan(ScanRequest request, FlowControlledStream<ScanResponse> stream, String context) {
        if (stream.isCancelled()) {
            LOG.info("{}: cancelled by the FE before it started", context);
            return;
        }
        long[] rowsRead = {0};
        try (ReplicaReadView view = store.read(request.getTabletId(), request.getReplicaId(), request.getVersion())) {
            ScanSpec spec = new ScanSpec(request.getColumnsList(),
                    request.hasFilter() ? Optional.of(request.getFilter()) : Optional.empty(),
                    request.hasAggregation() ? Optional.of(request.getAggregation()) : Optional.empty(),
                    request.getLimit());
            boolean whole = scanner.scan(view, spec, (batch, read) -> {
                rowsRead[0] += read;
                return stream.send(ScanResponse.newBuilder().setStatus(Failures.ok()).setBatch(batch)
                        .setRowsRead(read).build());
            }, stream::isCancelled);
            if (whole) {
                stream.complete();
            } else {
                LOG.info("{}: cancelled by the FE after {} rows sent for, stopped reading", context, rowsRead[0]);
            }
        } catch (Exception e) {
            stream.finish(ScanResponse.newBuilder().setStatus(Failures.status(e, context, LOG)).build());
        }
    }

    @Override
    public void cloneTablet(CloneTabletRequest request, StreamObserver<CloneTabletResponse> response) {
        String context = "CloneTablet of tablet " + request.getTabletId() + " replica " + request.getReplicaId()
                + " from replica " + request.getSourceReplicaId() + " on " + request.getSourceHost() + ":"
                + request.getSourceBePort();
        clones.submit(request).whenComplete((result, failure) -> {
            CloneTabletResponse.Builder answer = CloneTabletResponse.newBuilder();
            if (failure == null) {
                answer.setStatus(Failures.ok()).setVersion(result.version()).setRowCount(result.rowCount())
                        .setByteSize(result.byteSize());
            } else {
                answer.setStatus(Failures.status(failure, context, LOG));
                LOG.warn("{} failed: {}", context, answer.getStatus().getErrorMessage());
            }
            try {
                reply(response, answer.build());
            } catch (RuntimeException e) {
                LOG.debug("{}: the caller went away: {}", context, e.toString());
            }
        });
    }

    @Override
    public void fetchRowsets(FetchRowsetsRequest request, StreamObserver<RowsetChunk> response) {
        FlowControlledStream<RowsetChunk> stream =
                new FlowControlledStream<>((ServerCallStreamObserver<RowsetChunk>) response);
        String context = "FetchRowsets of tablet " + request.getTabletId() + " replica " + request.getReplicaId()
                + " after version " + request.getAfterVersion();
        try {
            fetchExecutor.execute(() -> {
                try {
                    if (rowsetSource.send(request, stream::send)) {
                        stream.complete();
                    } else {
                        LOG.debug("{}: the reader went away", context);
                    }
                } catch (Exception e) {
                    stream.finish(RowsetChunk.newBuilder().setStatus(Failures.status(e, context, LOG)).build());
                }
            });
        } catch (RejectedExecutionException e) {
            stream.finish(RowsetChunk.newBuilder().setStatus(Failures.status(StatusCode.RESOURCE_EXHAUSTED,
                    context + ": too many rowset fetches running here")).build());
        }
    }

    private static ScanResponse error(StatusCode code, String message) {
        return ScanResponse.newBuilder().setStatus(Failures.status(code, message)).build();
    }

    private static <T> void reply(StreamObserver<T> response, T answer) {
        response.onNext(answer);
        response.onCompleted();
    }
}
