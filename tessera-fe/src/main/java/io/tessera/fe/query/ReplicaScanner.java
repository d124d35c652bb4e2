package io.tessera.fe.query;

import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.tessera.common.ErrorCode;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.rpc.DataChannels;
import io.tessera.proto.backend.ScanRequest;
import io.tessera.proto.backend.ScanResponse;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.journal.PartitionDefinition;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Reads tablets from their replicas: for each tablet one readable replica (its backend alive and
 * not query-disabled, its version at least the partition's visible version, not reported bad or
 * missing), trying the next one
 * when a backend fails mid-scan. A tablet with no readable replica fails the whole query with an
 * error naming the table and the tablets: never a short answer.
 *
 * <p>Threading: tablets are read concurrently; the call blocks until all are done.
 */
public final class ReplicaScanner {
    private static final long SCAN_TIMEOUT_MS = 300_000;

    private final Supplier<BackendRegistry.Snapshot> backends;
    private final LongFunction<BackendRuntime> runtime;
    private final UnreadableReplicas unreadable;
    private final DataChannels channels;
    private final Random random;

    /**
     * @param unreadable replicas tablet reports call bad or missing: never chosen
     */
    public ReplicaScanner(Supplier<BackendRegistry.Snapshot> backends, LongFunction<BackendRuntime> runtime,
                          UnreadableReplicas unreadable, DataChannels channels, Random random) {
        this.backends = backends;
        this.runtime = runtime;
        this.unreadable = unreadable;
        this.channels = channels;
        this.random = random;
    }

    /** One tablet to read, at its partition's visible version. */
    public record TabletRead(PartitionDefinition partition, TabletDefinition tablet) {
    }

    /**
     * Scans every tablet with the request template (tablet, replica and version filled in) and
     * returns all result batches.
     */
    public List<RowBatch> scan(String tableName, List<TabletRead> reads, ScanRequest template) {
        return scan(tableName, reads, template, new AtomicLong(),
                new AtomicLong());
    }

    /** Scans and also adds the rows read and bytes returned to the counters. */
    public List<RowBatch> scan(String tableName, List<TabletRead> reads, ScanRequest template,
                               AtomicLong rowsRead,
                               AtomicLong bytesReturned) {
        Map<Long, CompletableFuture<List<RowBatch>>> scans = new TreeMap<>();
        Map<Long, String> unreadable = new TreeMap<>();
        BackendRegistry.Snapshot registry = backends.get();
        for (TabletRead read : reads) {
            List<ReplicaDefinition> candidates = readable(registry, read);
            if (candidates.isEmpty()) {
                unreadable.put(read.tablet().getTabletId(), "no alive, version-complete replica");
                continue;
            }
            scans.put(read.tablet().getTabletId(), attempt(read, candidates, 0, template, new ArrayList<>(),
                    rowsRead, bytesReturned));
        }
        List<RowBatch> batches = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<List<RowBatch>>> scan : scans.entrySet()) {
            try {
                batches.addAll(scan.getValue().join());
            } catch (CompletionException e) {
                unreadable.put(scan.getKey(), Failures.rootMessage(e));
            }
        }
        if (!unreadable.isEmpty()) {
            throw new TesseraException(ErrorCode.UNAVAILABLE,
                    "Table '" + tableName + "' cannot be read: no queryable replica for tablet(s) "
                    + unreadable.keySet() + " (" + unreadable.values().iterator().next() + ")");
        }
        return batches;
    }

    private List<ReplicaDefinition> readable(BackendRegistry.Snapshot registry, TabletRead read) {
        List<ReplicaDefinition> candidates = new ArrayList<>();
        for (ReplicaDefinition replica : read.tablet().getReplicasList()) {
            Backend backend = registry.backend(replica.getBackendId()).orElse(null);
            if (backend == null || backend.queryDisabled() || !runtime.apply(backend.id()).alive()) {
                continue;
            }
            if (replica.getVersion() < read.partition().getVisibleVersion()
                    || unreadable.unreadable(replica.getReplicaId(), backend.id())) {
                continue;
            }
            candidates.add(replica);
        }
        Collections.shuffle(candidates, random);
        return candidates;
    }

    private CompletableFuture<List<RowBatch>> attempt(TabletRead read, List<ReplicaDefinition> candidates, int index,
                                                      ScanRequest template, List<String> failures,
                                                      AtomicLong rowsRead,
                                                      AtomicLong bytesReturned) {
        ReplicaDefinition replica = candidates.get(index);
        ScanRequest request = template.toBuilder().setTabletId(read.tablet().getTabletId())
                .setReplicaId(replica.getReplicaId()).setVersion(read.partition().getVisibleVersion()).build();
        return scanOne(replica.getBackendId(), request, rowsRead, bytesReturned).exceptionallyCompose(error -> {
            failures.add("backend " + replica.getBackendId() + ": " + Failures.rootMessage(error));
            if (index + 1 < candidates.size()) {
                return attempt(read, candidates, index + 1, template, failures, rowsRead, bytesReturned);
            }
            return CompletableFuture.failedFuture(new TesseraException(ErrorCode.UNAVAILABLE, String.join("; ", failures)));
        });
    }

    private CompletableFuture<List<RowBatch>> scanOne(long backendId, ScanRequest request,
                                                      AtomicLong rowsRead,
                                                      AtomicLong bytesReturned) {
        CompletableFuture<List<RowBatch>> future = new CompletableFuture<>();
        List<RowBatch> batches = new ArrayList<>();
        try {
            channels.stub(backendId).withDeadline(Deadline.after(SCAN_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                    .scan(request, new StreamObserver<>() {
                        @Override
                        public void onNext(ScanResponse response) {
                            rowsRead.addAndGet(response.getRowsRead());
                            bytesReturned.addAndGet(response.getSerializedSize());
                            if (!response.getStatus().getErrorMessage().isEmpty()) {
                                future.completeExceptionally(new TesseraException(response.getStatus().getErrorMessage()));
                            } else if (response.hasBatch()) {
                                batches.add(response.getBatch());
                            }
                        }

                        @Override
                        public void onError(Throwable error) {
                            future.completeExceptionally(error);
                        }

                        @Override
                        public void onCompleted() {
                            future.complete(batches);
                        }
                    });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

}
