package io.tessera.fe.query;

import io.tessera.common.Cancellation;
import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.Failures;
import io.tessera.common.TesseraException;
import io.tessera.fe.catalog.TabletHealth;
import io.tessera.fe.catalog.UnreadableReplicas;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.proto.backend.ScanRequest;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads tablets from their replicas: for each tablet one readable replica (its backend may serve
 * queries by {@link ClusterView#canServeQuery}, and it is {@link TabletHealth#versionComplete
 * version complete} at the partition's visible version), trying the next one
 * when a backend fails mid-scan. A tablet with no readable replica fails the whole query with an
 * error naming the table and the tablets, and why ({@link TabletHealth#unrecoverable}: lost with
 * its dropped backends, unavailable while its backends are dead): never a short answer.
 *
 * <p>A scan belongs to a statement's {@link Cancellation}: when the statement is cancelled (KILL
 * QUERY, its timeout, its connection closing) every call in flight is cancelled, which cancels
 * the gRPC call so the backend stops reading, calls still waiting for their turn are never sent,
 * no other replica is tried, and the scan fails with the cancel's error.
 *
 * <p>Threading: tablets are read concurrently; the call blocks until all are done or cancelled.
 */
public final class ReplicaScanner {
    private final Supplier<ClusterView> cluster;
    private final UnreadableReplicas unreadable;
    private final BackendCalls backendCalls;
    private final Random random;
    private final LongSupplier maxScanBytes;

    /**
     * @param unreadable replicas tablet reports call bad or missing: never chosen
     */
    public ReplicaScanner(Supplier<ClusterView> cluster, UnreadableReplicas unreadable, BackendCalls backendCalls,
                          Random random) {
        this(cluster, unreadable, backendCalls, random, () -> Long.MAX_VALUE);
    }

    /**
     * @param maxScanBytes the most bytes one statement's scans may return (read at each scan): the
     *                     FE holds a result whole before sending it, so past this the statement is
     *                     cancelled with an error naming the limit rather than filling the heap
     */
    public ReplicaScanner(Supplier<ClusterView> cluster, UnreadableReplicas unreadable, BackendCalls backendCalls,
                          Random random, LongSupplier maxScanBytes) {
        this.maxScanBytes = maxScanBytes;
        this.cluster = cluster;
        this.unreadable = unreadable;
        this.backendCalls = backendCalls;
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
        return scan(tableName, reads, template, new AtomicLong(), new AtomicLong(), new Cancellation(Clock.system()));
    }

    /**
     * Scans and also adds the rows read and bytes returned to the counters; stops when
     * {@code cancellation} is cancelled, failing with its error.
     */
    public List<RowBatch> scan(String tableName, List<TabletRead> reads, ScanRequest template,
                               AtomicLong rowsRead, AtomicLong bytesReturned, Cancellation cancellation) {
        cancellation.throwIfCancelled();
        Map<Long, CompletableFuture<List<RowBatch>>> scans = new TreeMap<>();
        Map<Long, String> unreadable = new TreeMap<>();
        ClusterView view = cluster.get();
        for (TabletRead read : reads) {
            List<ReplicaDefinition> candidates = readable(view, read);
            if (candidates.isEmpty()) {
                unreadable.put(read.tablet().getTabletId(), whyUnreadable(view, read));
                continue;
            }
            scans.put(read.tablet().getTabletId(), attempt(read, candidates, 0, template, new ArrayList<>(),
                    rowsRead, bytesReturned, cancellation));
        }
        List<RowBatch> batches = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<List<RowBatch>>> scan : scans.entrySet()) {
            try {
                batches.addAll(scan.getValue().join());
            } catch (CompletionException | CancellationException e) {
                cancellation.throwIfCancelled();
                unreadable.put(scan.getKey(), Failures.rootMessage(e));
            }
        }
        cancellation.throwIfCancelled();
        if (!unreadable.isEmpty()) {
            throw new TesseraException(ErrorCode.UNAVAILABLE,
                    "Table '" + tableName + "' cannot be read: no queryable replica for tablet(s) "
                    + unreadable.keySet() + " (" + reasons(unreadable) + ")");
        }
        return batches;
    }

    private List<ReplicaDefinition> readable(ClusterView view, TabletRead read) {
        List<ReplicaDefinition> candidates = new ArrayList<>();
        for (ReplicaDefinition replica : read.tablet().getReplicasList()) {
            if (!view.canServeQuery(replica.getBackendId())) {
                continue;
            }
            if (!TabletHealth.versionComplete(replica, read.partition().getVisibleVersion(), unreadable)) {
                continue;
            }
            candidates.add(replica);
        }
        Collections.shuffle(candidates, random);
        return candidates;
    }

    /**
     * {@code lost with backend 10003} when every replica's backend was dropped, {@code unavailable:
     * complete replicas only on dead backend 10002} when the complete ones wait for dead backends,
     * else {@code no alive, version-complete replica}.
     */
    private String whyUnreadable(ClusterView view, TabletRead read) {
        long visibleVersion = read.partition().getVisibleVersion();
        TabletHealth.Status status = TabletHealth.unrecoverable(read.tablet(), visibleVersion, view, unreadable)
                .orElse(null);
        if (status == TabletHealth.Status.LOST && read.tablet().getReplicasCount() == 0) {
            return "lost: it has no replica";
        }
        if (status == TabletHealth.Status.LOST) {
            return "lost with " + backends(read.tablet().getReplicasList().stream()
                    .map(ReplicaDefinition::getBackendId).toList());
        }
        if (status == TabletHealth.Status.UNAVAILABLE) {
            return "unavailable: complete replicas only on dead " + backends(read.tablet().getReplicasList().stream()
                    .filter(r -> view.isRegistered(r.getBackendId()))
                    .filter(r -> TabletHealth.versionComplete(r, visibleVersion, unreadable))
                    .map(ReplicaDefinition::getBackendId).toList());
        }
        return "no alive, version-complete replica";
    }

    /** The reason when all tablets share it, else {@code tablet 1: reason; tablet 2: reason}. */
    private static String reasons(Map<Long, String> byTablet) {
        if (byTablet.values().stream().distinct().count() == 1) {
            return byTablet.values().iterator().next();
        }
        List<String> reasons = new ArrayList<>();
        byTablet.forEach((tabletId, reason) -> reasons.add("tablet " + tabletId + ": " + reason));
        return String.join("; ", reasons);
    }

    private static String backends(List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().sorted().toList();
        return (distinct.size() == 1 ? "backend " : "backends ")
                + String.join(", ", distinct.stream().map(String::valueOf).toList());
    }

    private CompletableFuture<List<RowBatch>> attempt(TabletRead read, List<ReplicaDefinition> candidates, int index,
                                                      ScanRequest template, List<String> failures,
                                                      AtomicLong rowsRead,
                                                      AtomicLong bytesReturned, Cancellation cancellation) {
        ReplicaDefinition replica = candidates.get(index);
        ScanRequest request = template.toBuilder().setTabletId(read.tablet().getTabletId())
                .setReplicaId(replica.getReplicaId()).setVersion(read.partition().getVisibleVersion()).build();
        return scanOne(replica.getBackendId(), request, rowsRead, bytesReturned, cancellation)
                .exceptionallyCompose(error -> {
            if (cancellation.isCancelled()) {
                return CompletableFuture.failedFuture(error);
            }
            failures.add("backend " + replica.getBackendId() + ": " + Failures.rootMessage(error));
            if (index + 1 < candidates.size()) {
                return attempt(read, candidates, index + 1, template, failures, rowsRead, bytesReturned,
                        cancellation);
            }
            return CompletableFuture.failedFuture(new TesseraException(ErrorCode.UNAVAILABLE, String.join("; ", failures)));
        });
    }

    /** One call; cancelling the statement cancels the call's own future, which cancels the gRPC call. */
    private CompletableFuture<List<RowBatch>> scanOne(long backendId, ScanRequest request,
                                                      AtomicLong rowsRead,
                                                      AtomicLong bytesReturned, Cancellation cancellation) {
        List<RowBatch> batches = new ArrayList<>();
        long limitBytes = maxScanBytes.getAsLong();
        CompletableFuture<Void> call = backendCalls.scan(backendId, request, response -> {
            rowsRead.addAndGet(response.getRowsRead());
            long returned = bytesReturned.addAndGet(response.getSerializedSize());
            if (returned > limitBytes) {
                cancellation.cancel(new TesseraException(ErrorCode.BAD_STATEMENT, "The scans of this query returned"
                        + " more than " + limitBytes + " bytes to the FE, which holds a result whole before sending"
                        + " it (FE config max_query_scan_bytes; 0 means a quarter of the FE's heap); add a filter"
                        + " or a LIMIT, or raise the limit"));
                return;
            }
            if (response.hasBatch()) {
                batches.add(response.getBatch());
            }
        });
        cancellation.onCancel(() -> call.cancel(false));
        return call.thenApply(ended -> batches);
    }

}
