package io.tessera.fe.txn;

import io.tessera.common.Failures;
import io.tessera.common.LogRateLimiter;
import io.tessera.common.LogValues;
import io.tessera.fe.rpc.BackendCalls;
import io.tessera.proto.backend.PublishVersionRequest;
import io.tessera.proto.backend.PublishVersionResponse;
import io.tessera.proto.backend.TabletVersion;
import io.tessera.proto.journal.CommitTransactionRecord;
import io.tessera.proto.journal.ReplicaDefinition;
import io.tessera.proto.journal.TabletDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a committed transaction: tells every backend holding a written replica to make the
 * transaction's pending rowset the partition's new version, one call per backend, all in flight at
 * once. A replica whose publish fails is returned, so the finish record can mark it as missing the
 * version (for repair); it never undoes the commit.
 *
 * <p>Threading: blocks the caller until every backend answered or timed out; thread-safe.
 */
final class VersionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(VersionPublisher.class);

    private final BackendCalls backends;
    /** A backend that is down fails every publish; one line a minute per backend says so. */
    private final LogRateLimiter failureLines;

    VersionPublisher(BackendCalls backends, LogRateLimiter failureLines) {
        this.backends = backends;
        this.failureLines = failureLines;
    }

    /** Publishes the written replicas of the tablets; returns the replicas whose publish failed. */
    List<Long> publish(CommitTransactionRecord commit, TableTablets layout, Set<Long> tabletIds, Set<Long> written) {
        Map<Long, Long> versionByPartition = new HashMap<>();
        commit.getPartitionsList().forEach(pv -> versionByPartition.put(pv.getPartitionId(), pv.getVersion()));
        Map<Long, PublishVersionRequest.Builder> byBackend = new TreeMap<>();
        Map<TabletOnBackend, Long> replicaOfTabletOnBackend = new HashMap<>();
        for (long tabletId : tabletIds) {
            TabletDefinition tablet = layout.tablet(tabletId);
            long version = versionByPartition.get(layout.partitionOf(tabletId));
            for (ReplicaDefinition replica : tablet.getReplicasList()) {
                if (!written.contains(replica.getReplicaId())) {
                    continue;
                }
                byBackend.computeIfAbsent(replica.getBackendId(), id -> PublishVersionRequest.newBuilder()
                        .setTransactionId(commit.getTransactionId()))
                        .addTablets(TabletVersion.newBuilder().setTabletId(tabletId)
                                .setReplicaId(replica.getReplicaId()).setVersion(version));
                replicaOfTabletOnBackend.put(new TabletOnBackend(tabletId, replica.getBackendId()),
                        replica.getReplicaId());
            }
        }
        Map<Long, CompletableFuture<PublishVersionResponse>> calls = new LinkedHashMap<>();
        for (Map.Entry<Long, PublishVersionRequest.Builder> entry : byBackend.entrySet()) {
            calls.put(entry.getKey(), backends.publishVersion(entry.getKey(), entry.getValue().build()));
        }
        List<Long> failed = new ArrayList<>();
        for (Map.Entry<Long, CompletableFuture<PublishVersionResponse>> entry : calls.entrySet()) {
            try {
                PublishVersionResponse response = entry.getValue().join();
                for (long tabletId : response.getFailedTabletIdsList()) {
                    failed.add(replicaOfTabletOnBackend.get(new TabletOnBackend(tabletId, entry.getKey())));
                }
            } catch (RuntimeException e) {
                failureLines.log("publish:" + entry.getKey(), "publish of transaction " + commit.getTransactionId()
                        + " failed on backend " + entry.getKey() + ": " + LogValues.bounded(Failures.rootMessage(e)),
                        LOG::warn);
                byBackend.get(entry.getKey()).getTabletsList().forEach(t -> failed.add(t.getReplicaId()));
            }
        }
        return failed;
    }

    private record TabletOnBackend(long tabletId, long backendId) {
    }
}
